import { checkOptions } from '@switchboard/core/host';
import { createTestContext, type TestContext } from '@switchboard/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import xucmgtAdapter from '../src/index.js';
import type { XucmgtOptions } from '../src/options.js';
import { PanePages } from '../src/pane/PanePages.js';
import { UserTokenVault } from '../src/secrets/UserTokenVault.js';
import { sampleRequest } from '../src/testing/index.js';
import { XucmgtInbound } from '../src/transport/XucmgtInbound.js';
import { XucmgtRoutes } from '../src/transport/XucmgtRoutes.js';

const running: TestContext<XucmgtOptions>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((ctx) => ctx.close()));
});

/** The instance's routes on core's real JSON route, with these options (defaults applied as the daemon does). */
async function serve(
  raw: object,
): Promise<{ url: string; panes: PanePages; ctx: TestContext<XucmgtOptions> }> {
  const check = checkOptions(xucmgtAdapter, raw);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  const ctx = createTestContext({ instance: 'xucmgt', options: check.options as XucmgtOptions });
  running.push(ctx);
  const panes = new PanePages(ctx.context);
  const inbound = new XucmgtInbound(ctx.context, new UserTokenVault());
  new XucmgtRoutes(ctx.context, inbound, panes).mount();
  const address = await ctx.listen();
  return { url: `${address}/adapters/xucmgt`, panes, ctx };
}

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
const post = (url: string, origin?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify(sampleRequest('2017')),
  });

describe('the web service`s origin allowlist (core`s one origin policy)', () => {
  test('an allowlist allows its origins, in any case; other origins and `null` get 403, preflight or POST', async () => {
    const { url } = await serve({ allowedOrigins: ['https://xuc.example:8443'] });
    const ok = await preflight(url, 'HTTPS://XUC.EXAMPLE:8443');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('HTTPS://XUC.EXAMPLE:8443');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    for (const origin of ['https://xuc.example', 'null']) {
      const refused = await preflight(url, origin);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect((await post(url, origin)).status).toBe(403);
    }
    expect((await post(url, 'https://xuc.example:8443')).status).toBe(200);
  });

  test('a request without Origin is no browser call: CORS lets it through (the key is what keeps it out)', async () => {
    const { url } = await serve({ allowedOrigins: ['https://xuc.example'] });
    const reply = await post(url);
    expect([reply.status, await reply.json()]).toEqual([200, { action: 'none' }]);
    const keyed = await serve({ allowedOrigins: ['https://xuc.example'], secret: 'a-secret-of-16-chars' });
    const refused = await post(keyed.url);
    expect(refused.status).toBe(401);
    expect(keyed.ctx.rejected).toEqual([
      {
        reason: 'unauthorized',
        detail: expect.objectContaining({ problem: 'no key', path: '/adapters/xucmgt' }),
      },
    ]);
  });

  test('`*` allows any origin: a literal * without credentials, the origin reflected with them', async () => {
    const any = await serve({ allowedOrigins: ['*'] });
    expect(
      (await preflight(any.url, 'http://anything.example')).headers.get('access-control-allow-origin'),
    ).toBe('*');
    const withCookies = await serve({ allowedOrigins: ['*'], allowCredentials: true });
    const reply = await preflight(withCookies.url, 'http://anything.example');
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://anything.example');
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
  });

  test('the built-in pane may be framed by the allowlisted origins only; an empty list lets no page frame it', async () => {
    const listed = await serve({ allowedOrigins: ['https://xuc.example:8443', 'https://Other.Example'] });
    const page = await fetch(await listed.panes.add({ title: 'Caller' }));
    expect(page.headers.get('content-security-policy')).toMatch(
      /; frame-ancestors https:\/\/xuc\.example:8443 https:\/\/other\.example$/,
    );
    const none = await serve({});
    expect((await preflight(none.url, 'https://xuc.example')).status).toBe(403);
    const closed = await fetch(await none.panes.add({ title: 'Caller' }));
    expect(closed.headers.get('content-security-policy')).toMatch(/; frame-ancestors 'none'$/);
  });

  test('an allowlist entry that is no origin fails the start, naming the option', async () => {
    await expect(serve({ allowedOrigins: ['https://user@xuc.example'] })).rejects.toThrow(
      expect.objectContaining({
        code: 'SWB_PLUGIN_OPTIONS',
        message: expect.stringContaining('allowedOrigins'),
      }),
    );
  });
});
