import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, test } from 'vitest';
import type { BridgeService } from '../src/index.js';
import { createTestContext, type TestContext } from '../src/public/testing.js';

const origin = 'https://desk.example.com';

interface Identity {
  readonly agentId: string;
  readonly broken?: string;
  readonly [key: string]: unknown;
}

let ctx: TestContext<Record<string, never>> | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await ctx?.close();
  ctx = undefined;
});

async function serve(): Promise<{ bridges: BridgeService<Identity>; address: string; received: unknown[] }> {
  ctx = createTestContext({ instance: 'desk', options: {} });
  const received: unknown[] = [];
  const bridges = ctx.context.bridges.open<Identity>({
    origins: [origin],
    authenticate: (handshake) =>
      handshake.auth.key === 'k' && typeof handshake.auth.agent === 'string'
        ? {
            agentId: handshake.auth.agent,
            ...(typeof handshake.auth.broken === 'string' ? { broken: handshake.auth.broken } : {}),
          }
        : { refuse: 'wrong key' },
    failure: (identities) => identities.find((identity) => identity.broken)?.broken,
    connected: (bridge) => {
      bridge.onAny((message) => received.push(`any:${message}`));
      bridge.on('event', (payload) => {
        received.push(payload);
        if ((payload as { fail?: boolean }).fail) throw new Error('boom');
        return { ok: true, got: payload };
      });
    },
  });
  return { bridges, address: await ctx.listen(), received };
}

/** A bridge tab of `agent` that answers `dial` with its own name (or never, with `silent`). */
function tab(
  address: string,
  agent: string,
  name: string,
  options: { silent?: boolean; key?: string; broken?: string } = {},
) {
  const socket = io(`${address}/adapters/desk`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin },
    auth: { key: options.key ?? 'k', agent, ...(options.broken ? { broken: options.broken } : {}) },
  });
  sockets.push(socket);
  socket.on('dial', (payload: unknown, ack: (reply: unknown) => void) => {
    if (!options.silent) ack({ tab: name, payload });
  });
  return new Promise<Socket>((resolve, reject) => {
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

/** Polls `check` every 10 ms, for at most 5 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('BridgeService', () => {
  test('asks the newest tab of an agent, and only that one', async () => {
    const { bridges, address } = await serve();
    await tab(address, 'a1', 'first');
    await new Promise((r) => setTimeout(r, 5)); // handshake.issued has ms resolution
    await tab(address, 'a1', 'second');
    await tab(address, 'a2', 'other');
    expect(bridges.counts).toEqual({ bridges: 3, addresses: 2 });
    const reply = await bridges.ask('a1', 'dial', { to: '123' }, { timeoutMs: 2000 });
    expect(reply).toEqual({ tab: 'second', payload: { to: '123' } });
    expect((await bridges.bridgesOf('a1')).length).toBe(2);
    expect((await bridges.newest('a1'))?.origin).toBe(origin);
    expect(bridges.identitiesOf('a1')).toEqual([{ agentId: 'a1' }, { agentId: 'a1' }]);
  });

  test('SWB_BRIDGE_NONE without a tab, SWB_BRIDGE_TIMEOUT without an ack, SWB_BRIDGE_GONE on a disconnect', async () => {
    const { bridges, address } = await serve();
    await expect(bridges.ask('nobody', 'dial', {}, { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'SWB_BRIDGE_NONE',
    });
    const silent = await tab(address, 'a1', 'silent', { silent: true });
    const started = Date.now();
    await expect(bridges.ask('a1', 'dial', {}, { timeoutMs: 150 })).rejects.toMatchObject({
      code: 'SWB_BRIDGE_TIMEOUT',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const asked = bridges.ask('a1', 'dial', {}, { timeoutMs: 10_000 });
    silent.close();
    await expect(asked).rejects.toMatchObject({ code: 'SWB_BRIDGE_GONE' });
  });

  test('a bridge-only instance is listening once the server listens, before any bridge connects', async () => {
    const { address } = await serve();
    expect(ctx?.states).toEqual([{ state: 'listening', detail: '0 bridge(s) connected, 0 agent(s)' }]);
    await tab(address, 'a1', 't');
    await until(() => (ctx?.states.length ?? 0) === 2, 'the state after the tab connected');
    expect(ctx?.states.at(-1)).toEqual({ state: 'listening', detail: '1 bridge(s) connected, 1 agent(s)' });
  });

  test('a bridge that cannot work keeps the instance failed while connected; other tabs do not flip it', async () => {
    const { bridges, address } = await serve();
    const broken = await tab(address, 'a1', 'b', { broken: 'an old vendor library' });
    await until(() => ctx?.states.at(-1)?.state === 'failed', 'the failed state');
    const other = await tab(address, 'a2', 'o');
    other.close();
    await until(() => bridges.counts.bridges === 1, 'the other tab to leave');
    broken.close();
    await until(() => bridges.counts.bridges === 0, 'the broken tab to leave');
    await until(() => ctx?.states.at(-1)?.state === 'listening', 'the listening state');
    expect(ctx?.states).toEqual([
      { state: 'listening', detail: '0 bridge(s) connected, 0 agent(s)' },
      { state: 'failed', detail: 'an old vendor library' },
      { state: 'listening', detail: '0 bridge(s) connected, 0 agent(s)' },
    ]);
  });

  test('a message handler`s result is the ack, any message is seen by onAny; a throwing handler acks an error and is logged', async () => {
    const { address, received } = await serve();
    const socket = await tab(address, 'a1', 't');
    expect(await socket.timeout(2000).emitWithAck('event', { n: 1 })).toEqual({ ok: true, got: { n: 1 } });
    expect(await socket.timeout(2000).emitWithAck('event', { fail: true })).toEqual({
      ok: false,
      error: 'internal error',
    });
    socket.emit('gossip', { hello: true });
    await until(() => received.includes('any:gossip'), 'the unknown message');
    expect(received).toEqual(['any:event', { n: 1 }, 'any:event', { fail: true }, 'any:gossip']);
    expect(ctx?.logs.some((l) => l.level === 'error' && l.msg === 'a bridge message handler failed')).toBe(
      true,
    );
  });

  test('refusals are counted as bridge-refused with the problem, and the counts follow the tabs', async () => {
    const { bridges, address } = await serve();
    await expect(tab(address, 'a1', 'x', { key: 'wrong' })).rejects.toThrow('unauthorized');
    expect(ctx?.rejected).toEqual([
      { reason: 'bridge-refused', detail: expect.objectContaining({ problem: 'wrong key', origin }) },
    ]);
    const one = await tab(address, 'a1', 'x');
    expect(bridges.counts).toEqual({ bridges: 1, addresses: 1 });
    one.close();
    await until(() => bridges.counts.bridges === 0, 'the closed tab to leave');
    expect(bridges.counts).toEqual({ bridges: 0, addresses: 0 });
    const metric = await ctx?.metrics.bridgesConnected.get();
    expect(metric?.values.map((v) => v.value)).toEqual([0]);
  });
});
