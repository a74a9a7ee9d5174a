import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { type JsonRouteSpec, OriginPolicy } from '../src/index.js';
import { createTestContext, type TestContext } from '../src/public/testing.js';

let ctx: TestContext<Record<string, never>> | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

async function serve(extra: Partial<JsonRouteSpec> = {}): Promise<{ url: string; handled: unknown[] }> {
  ctx = createTestContext({ instance: 'ws', options: {} });
  const handled: unknown[] = [];
  ctx.context.http.jsonRoute({
    method: 'POST',
    path: '/',
    bodyLimit: 256,
    maxDepth: 8,
    cors: { origins: OriginPolicy.from(['https://app.example'], 'allowedOrigins') },
    authorize: (req) =>
      req.query.key === 'k' ? undefined : { reason: 'unauthorized', status: 401, message: 'a key is needed' },
    handle: async (body) => {
      handled.push(body);
      return { status: 200, body: { answered: body } };
    },
    ...extra,
  });
  const address = await ctx.listen();
  return { url: `${address}/adapters/ws`, handled };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(
    async (r) => ({ status: r.statusCode, body: (await r.body.json()) as Record<string, unknown> }),
  );

/** `switchboard_input_rejected_total` of the instance, by reason. */
async function rejected(): Promise<Record<string, number>> {
  const metric = await ctx?.metrics.rejected.get();
  return Object.fromEntries((metric?.values ?? []).map((v) => [String(v.labels.reason), v.value]));
}

describe('jsonRoute: body handling, refusals and their counts', () => {
  test('a good request reaches the handler; every bad one is refused, counted and never handled', async () => {
    const { url, handled } = await serve();
    expect(await post(`${url}?key=k`, '{"a":1}')).toEqual({ status: 200, body: { answered: { a: 1 } } });
    const deep = `${'['.repeat(20)}${']'.repeat(20)}`;
    const cases: [string, Record<string, string>, string, number, string][] = [
      [`${url}?key=k`, { 'content-type': 'text/plain' }, '{"a":1}', 415, 'unsupported-media-type'],
      [`${url}?key=k`, {}, JSON.stringify({ x: 'y'.repeat(400) }), 413, 'body-too-large'],
      [`${url}?key=k`, {}, '{"a":', 400, 'invalid-json'],
      [`${url}?key=k`, {}, deep, 400, 'too-deep'],
      [`${url}?key=k`, {}, '', 400, 'invalid-json'],
      [`${url}?key=k`, {}, '{"__proto__":{"x":1}}', 400, 'invalid-json'],
      [url, {}, '{"a":1}', 401, 'unauthorized'],
      [`${url}?key=k`, { origin: 'https://evil.example' }, '{"a":1}', 403, 'origin-not-allowed'],
    ];
    for (const [target, headers, body, status, error] of cases) {
      const reply = await post(target, body, headers);
      expect([reply.status, reply.body.error]).toEqual([status, error]);
    }
    expect(handled).toEqual([{ a: 1 }]);
    expect(await rejected()).toEqual({
      'unsupported-media-type': 1,
      'body-too-large': 1,
      'invalid-json': 3,
      'too-deep': 1,
      unauthorized: 1,
      'origin-not-allowed': 1,
    });
    // The key in the query is never logged: the path is.
    expect(JSON.stringify(ctx?.rejected)).not.toContain('key=k');
  });

  test('a preflight from an allowed origin is answered, from another one refused with 403', async () => {
    const { url } = await serve();
    const ask = (origin: string) =>
      request(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await ask('https://app.example');
    await allowed.body.dump();
    expect([allowed.statusCode, allowed.headers['access-control-allow-origin']]).toEqual([
      204,
      'https://app.example',
    ]);
    const refused = await ask('https://evil.example');
    expect([refused.statusCode, ((await refused.body.json()) as { error: string }).error]).toEqual([
      403,
      'origin-not-allowed',
    ]);
  });

  test('verify sees the exact bytes before parsing; refusal bodies can take the adapter`s shape', async () => {
    const secret = 's3cret';
    const { url, handled } = await serve({
      authorize: undefined,
      cors: undefined,
      mediaTypes: 'json-and-vendor',
      verify: (req, raw) =>
        req.headers['x-signature'] === createHmac('sha256', secret).update(raw).digest('hex')
          ? undefined
          : { reason: 'unauthorized', status: 401, message: 'bad signature' },
      refusalBody: (r) => ({
        code: `WEBHOOK_${r.reason.toUpperCase().replaceAll('-', '_')}`,
        message: r.message,
      }),
    });
    const body = '{ "b" : 2 }';
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    const ok = await post(url, body, {
      'content-type': 'application/vnd.acme+json',
      'x-signature': signature,
    });
    expect(ok.status).toBe(200);
    const bad = await post(url, body, { 'x-signature': 'no' });
    expect(bad).toEqual({ status: 401, body: { code: 'WEBHOOK_UNAUTHORIZED', message: 'bad signature' } });
    expect(handled).toEqual([{ b: 2 }]);
  });

  test('a refusal`s detail is logged with the rejection, never sent; core`s own fields win', async () => {
    const { url } = await serve({
      authorize: (req) =>
        req.query.key === 'k'
          ? undefined
          : {
              reason: 'unauthorized',
              status: 401,
              message: 'a key is needed',
              detail: { problem: req.query.key === undefined ? 'no key' : 'wrong key', path: '/forged' },
            },
    });
    const reply = await post(`${url}?key=nope`, '{}');
    expect(reply).toEqual({ status: 401, body: { error: 'unauthorized', message: 'a key is needed' } });
    expect(ctx?.rejected).toEqual([
      {
        reason: 'unauthorized',
        detail: expect.objectContaining({ problem: 'wrong key', status: 401, path: '/adapters/ws' }),
      },
    ]);
  });

  test('while the instance stops: 503, not counted as bad input', async () => {
    const { url, handled } = await serve();
    await ctx?.stop();
    const reply = await post(`${url}?key=k`, '{}');
    expect([reply.status, reply.body.error]).toEqual([503, 'stopping']);
    expect(handled).toEqual([]);
    expect(await rejected()).toEqual({});
  });

  test('authorize may answer later (a promise) or fail: refused as it says, or a 500; never handled', async () => {
    const { url, handled } = await serve({
      authorize: async (req) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (req.query.key === 'boom') throw new Error('the key store is down');
        return req.query.key === 'k'
          ? undefined
          : { reason: 'unauthorized', status: 401, message: 'a key is needed' };
      },
    });
    expect(await post(`${url}?key=k`, '{"a":1}')).toEqual({ status: 200, body: { answered: { a: 1 } } });
    const refused = await post(`${url}?key=nope`, '{"a":2}');
    expect([refused.status, refused.body.error]).toEqual([401, 'unauthorized']);
    const failed = await post(`${url}?key=boom`, '{"a":3}');
    expect([failed.status, failed.body.error]).toEqual([500, 'internal']);
    expect(handled).toEqual([{ a: 1 }]);
    expect(await rejected()).toEqual({ unauthorized: 1 });
  });

  test('with an answerSchema, a 200 body is written from the schema (its keys, its order); refusals are not', async () => {
    const { url } = await serve({
      answerSchema: {
        type: 'object',
        properties: { action: { type: 'string' }, url: { type: 'string' }, autopause: { type: 'boolean' } },
      },
      handle: async () => ({
        status: 200,
        body: { autopause: true, extra: 'dropped', action: 'open', url: 'https://x/?a=1&b="' },
      }),
    });
    const reply = await request(`${url}?key=k`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(await reply.body.text()).toBe('{"action":"open","url":"https://x/?a=1&b=\\"","autopause":true}');
    const refused = await post(url, '{}');
    expect(refused).toEqual({ status: 401, body: { error: 'unauthorized', message: 'a key is needed' } });
  });
});
