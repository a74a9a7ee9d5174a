import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signBody } from '../src/index.js';
import { pbxMapping } from './fixtures/pbxMapping.js';
import { post } from './support/post.js';
import { type RunningWebhooks, startRuntime } from './support/startRuntime.js';

const token = 'hooks-token-for-route-tests';
const hmac = { secret: 'crm-secret-for-route-tests', header: 'x-hub-signature-256', prefix: 'sha256=' };
const signing = { ...hmac, algorithm: 'sha256', encoding: 'hex' } as const;
const auth = { authorization: `Bearer ${token}` };
const rules = `
rules:
  - name: log-sales
    on: call.offered
    if: { "==": [{ var: call.queue }, "Sales"] }
    do:
      - log: { message: "offered {{ call.id }}" }
      - set: { seen: "yes" }
`;

let hooks: RunningWebhooks;

beforeAll(async () => {
  hooks = await startRuntime(
    {
      hooks: { auth: { bearer: token }, mapping: pbxMapping, bodyLimit: 1024, maxBatch: 5 },
      crm: { auth: { hmac }, sync: true },
    },
    rules,
  );
});
afterAll(() => hooks?.stop());

const rejections = (reason: string) =>
  hooks.diagnostics.filter((d) => d.kind === 'rejected' && d.reason === reason).length;

describe('POST /adapters/<instance>/events', () => {
  test('202 with the accepted ids, in order, for an array body', async () => {
    const batch = [
      { event: 'ringing', eventId: 'b1', call: { uuid: 'c1', queue: { name: 'Sales' } } },
      { event: 'answered', eventId: 'b2', call: { uuid: 'c1' } },
    ];
    const res = await post(hooks.url('hooks'), batch, auth);
    expect(res).toEqual({ status: 202, body: { accepted: ['b1', 'b2'] } });
  });

  test('401 with a JSON error and a Bearer challenge without the right token; counted', async () => {
    const before = rejections('unauthorized');
    const res = await post(hooks.url('hooks'), { event: 'ringing' }, { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'WEBHOOK_UNAUTHORIZED', message: 'missing or wrong bearer token' });
    expect(rejections('unauthorized')).toBe(before + 1);
  });

  test("a bearer token is checked before the body is read: 401, not 413, for a stranger's large body", async () => {
    const res = await post(hooks.url('hooks'), { pad: 'x'.repeat(5000) }, {});
    expect(res.status).toBe(401);
  });

  test('400 for JSON that does not parse, and for prototype poisoning', async () => {
    expect((await post(hooks.url('hooks'), '{"event": "ringing",', auth)).body).toMatchObject({
      code: 'WEBHOOK_INVALID_JSON',
    });
    const poisoned = await post(hooks.url('hooks'), '{"event":"ringing","__proto__":{"x":1}}', auth);
    expect(poisoned.status).toBe(400);
    expect(poisoned.body.code).toBe('WEBHOOK_INVALID_JSON');
    expect((await post(hooks.url('hooks'), '', auth)).body).toEqual({
      code: 'WEBHOOK_INVALID_JSON',
      message: 'The request body is empty',
    });
  });

  test('400 too-deep for JSON nested deeper than 64 levels, within the body limit; counted, nothing published', async () => {
    const events = hooks.diagnostics.filter((d) => d.kind === 'event').length;
    const before = rejections('too-deep');
    const nested = (levels: number) =>
      `{"event":"ringing","eventId":"deep-${levels}","call":{"uuid":"c-deep"},"x":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    const deep = await post(hooks.url('hooks'), nested(450), auth);
    expect(deep).toEqual({
      status: 400,
      body: { code: 'WEBHOOK_TOO_DEEP', message: 'The request body nests deeper than 64 levels' },
    });
    // in a batch the array is one more level
    const batch = await post(hooks.url('hooks'), `[${nested(63)}]`, auth);
    expect(batch.body.code).toBe('WEBHOOK_TOO_DEEP');
    expect(rejections('too-deep')).toBe(before + 2);
    expect(hooks.diagnostics.filter((d) => d.kind === 'event').length).toBe(events);
    // 64 levels in all (the body object, then 63 arrays) is the limit, and passes
    expect(await post(hooks.url('hooks'), nested(63), auth)).toEqual({
      status: 202,
      body: { accepted: ['deep-63'] },
    });
  });

  test('400 naming the item and field for a body the mapping refuses; nothing of the batch is published', async () => {
    const events = hooks.diagnostics.filter((d) => d.kind === 'event').length;
    const batch = [
      { event: 'ringing', eventId: 'ok-1', call: { uuid: 'c2' } },
      { event: 'ringing', eventId: 'bad-1', call: { uuid: 'c2', ringTime: 'soon' } },
    ];
    const res = await post(hooks.url('hooks'), batch, auth);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'WEBHOOK_INVALID_BODY',
      message: 'item 1: call.ringSeconds ($.call.ringTime) is "soon", not a number of seconds',
    });
    expect(hooks.diagnostics.filter((d) => d.kind === 'event').length).toBe(events);
    const tooMany = await post(
      hooks.url('hooks'),
      Array.from({ length: 6 }, () => ({})),
      auth,
    );
    expect(tooMany.body.message).toBe('an array body may hold at most 5 objects, got 6');
  });

  test('413 above the body limit and 415 for a body that is not JSON, as JSON errors, counted', async () => {
    const big = await post(hooks.url('hooks'), { event: 'ringing', pad: 'x'.repeat(2000) }, auth);
    expect(big).toEqual({
      status: 413,
      body: { code: 'WEBHOOK_BODY_TOO_LARGE', message: 'The request body is larger than 1024 bytes' },
    });
    const form = await post(hooks.url('hooks'), 'event=ringing', { ...auth, 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('WEBHOOK_UNSUPPORTED_MEDIA_TYPE');
    expect(rejections('body-too-large')).toBeGreaterThan(0);
    expect(rejections('unsupported-media-type')).toBeGreaterThan(0);
  });

  test('application/json with a charset, and application/<vendor>+json, are JSON too', async () => {
    const utf8 = { ...auth, 'content-type': 'application/json; charset=utf-8' };
    expect((await post(hooks.url('hooks'), { event: 'ringing', eventId: 'u1' }, utf8)).status).toBe(202);
    const res = await post(
      hooks.url('hooks'),
      { event: 'ringing', eventId: 'v1' },
      {
        ...auth,
        'content-type': 'application/vnd.pbx+json; charset=utf-8',
      },
    );
    expect(res).toEqual({ status: 202, body: { accepted: ['v1'] } });
  });
});

describe('a sync instance, signed with HMAC', () => {
  const send = (body: unknown, secret = hmac.secret) => {
    const raw = JSON.stringify(body);
    return post(hooks.url('crm'), raw, { [hmac.header]: signBody(raw, { ...signing, secret }) });
  };

  test('answers 200 with what the rules did, and a redelivery as a duplicate that fires nothing', async () => {
    const body = { type: 'call.offered', call: { id: 'c9', queue: 'Sales' } };
    const first = await send(body);
    expect(first.status).toBe(200);
    const [id] = first.body.accepted as string[];
    expect(id).toMatch(/^sha256-/);
    expect(first.body.events).toEqual([
      {
        id,
        status: 'handled',
        matched: ['log-sales'],
        actions: [
          { rule: 'log-sales', action: 'log', instance: 'crm', status: 'ok' },
          { rule: 'log-sales', action: 'set', instance: 'crm', status: 'ok', result: { seen: 'yes' } },
        ],
      },
    ]);
    const again = await send({ call: { queue: 'Sales', id: 'c9' }, type: 'call.offered' });
    expect(again.body).toEqual({
      accepted: [id],
      duplicates: [id],
      events: [{ id, status: 'duplicate', matched: [], actions: [] }],
    });
  });

  test('a signed body nested 10,000 deep (20 kB) is refused too-deep, after the signature check', async () => {
    const deep = `{"type":"call.offered","a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const res = await post(hooks.url('crm'), deep, { [hmac.header]: signBody(deep, signing) });
    expect(res.body.code).toBe('WEBHOOK_TOO_DEEP');
    const unsigned = await post(hooks.url('crm'), deep, {});
    expect(unsigned.body.code).toBe('WEBHOOK_UNAUTHORIZED');
  });

  test('401 for a signature made with another secret', async () => {
    const res = await send({ type: 'call.offered' }, 'another-secret-of-some-length');
    expect(res.body).toEqual({
      code: 'WEBHOOK_UNAUTHORIZED',
      message: 'missing or wrong signature in x-hub-signature-256',
    });
  });
});
