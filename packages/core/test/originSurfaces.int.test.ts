import { io, type Socket } from 'socket.io-client';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OriginPolicy } from '../src/index.js';
import { createTestContext, type TestContext } from '../src/public/testing.js';
import { allowList, type OriginCase, originCases } from './support/originTable.js';

// What a client can send as a header: printable ASCII, no surrounding space (HTTP trims it away).
const sendable = originCases.filter(
  (c) => c.origin === undefined || /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(c.origin),
);

let test_: TestContext<Record<string, never>>;
let address: string;

beforeAll(async () => {
  test_ = createTestContext({ instance: 'surfaces', options: {} });
  const ctx = test_.context;
  ctx.bridges.open({ origins: allowList, authenticate: () => ({ agentId: 'a1' }) });
  ctx.http.jsonRoute({
    method: 'POST',
    path: '/',
    bodyLimit: 1024,
    cors: { origins: OriginPolicy.from(allowList, 'origins') },
    handle: async () => ({ status: 200, body: { ok: true } }),
  });
  address = await test_.listen();
});

afterAll(async () => {
  await test_?.close();
});

/** Connects a bridge with this Origin (none when undefined); resolves to whether it got in. */
function socketAdmitted(origin: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = io(`${address}/adapters/surfaces`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(origin === undefined ? {} : { extraHeaders: { origin } }),
    });
    socket.on('connect', () => {
      socket.close();
      resolve(true);
    });
    socket.on('connect_error', () => {
      socket.close();
      resolve(false);
    });
  });
}

const headers = (c: OriginCase, extra: Record<string, string> = {}) => ({
  ...(c.origin === undefined ? {} : { origin: c.origin }),
  ...extra,
});

describe('the origin table through the real surfaces', () => {
  test.each(sendable)('bridge socket, Origin $origin → $socket ($why)', async (c) => {
    expect(await socketAdmitted(c.origin)).toBe(c.socket);
  });

  test.each(sendable)('JSON route POST, Origin $origin → $request ($why)', async (c) => {
    const reply = await request(`${address}/adapters/surfaces`, {
      method: 'POST',
      headers: headers(c, { 'content-type': 'application/json' }),
      body: '{}',
    });
    const body = (await reply.body.json()) as { error?: string };
    expect(reply.statusCode === 200).toBe(c.request);
    if (!c.request) expect([reply.statusCode, body.error]).toEqual([403, 'origin-not-allowed']);
  });

  test.each(sendable.filter((c) => c.origin !== undefined))(
    'JSON route preflight, Origin $origin → $request ($why)',
    async (c) => {
      const reply = await request(`${address}/adapters/surfaces`, {
        method: 'OPTIONS',
        headers: headers(c, { 'access-control-request-method': 'POST' }),
      });
      await reply.body.dump();
      if (c.request) {
        expect(reply.statusCode).toBe(204);
        expect(reply.headers['access-control-allow-origin']).toBe(c.origin);
      } else {
        expect(reply.statusCode).toBe(403);
        expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      }
    },
  );
});
