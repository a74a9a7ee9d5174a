import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RedisProcess, startRedis, waitFor } from '@switchboard/test-support';
import { Server } from 'socket.io';
import { type Socket as ClientSocket, io as connectClient } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisRealtime, type RedisStateBackend, redisRealtimeAdapter } from '../src/index.js';
import { freshPrefix, openBackend } from './support.js';

let redis: RedisProcess;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (redis.pid === undefined) await redis.start();
});

/** One daemon's socket.io server on the deployment's Redis (node A or B), as core's HTTP surface runs it. */
async function node(
  name: string,
  prefix: string,
  opened?: RedisStateBackend,
): Promise<{ io: Server; url: string; backend: RedisStateBackend }> {
  const backend = opened ?? (await openBackend(redis.url, { node: name, prefix }));
  const realtime: RedisRealtime = redisRealtimeAdapter(backend.client, { prefix, requestsTimeoutMs: 1500 });
  const http: HttpServer = createServer();
  const io = new Server(http, { adapter: realtime.adapter });
  io.on('connection', (socket) => {
    void socket.join(`agent:${String(socket.handshake.auth.agent)}`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await io.close();
    await realtime.close();
    await backend.close();
  });
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, backend };
}

function agentTab(url: string, agent: string, pops: unknown[]): Promise<ClientSocket> {
  const socket = connectClient(url, { auth: { agent }, transports: ['websocket'], reconnection: false });
  socket.on('pop', (payload: unknown, ack: (answer: unknown) => void) => {
    pops.push(payload);
    ack({ shown: true });
  });
  cleanups.push(() => void socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('socket.io across nodes through Redis', () => {
  it("reaches an agent's tab on node A from node B, and gets its answer", async () => {
    const prefix = freshPrefix();
    const a = await node('A', prefix);
    const b = await node('B', prefix);
    const pops: unknown[] = [];
    await agentTab(a.url, '42', pops);
    const sockets = await waitFor(
      async () => {
        const found = await b.io.in('agent:42').fetchSockets();
        return found.length > 0 ? found : undefined;
      },
      "node B to see the agent's tab on node A",
      5000,
    );
    expect(sockets).toHaveLength(1);
    const answer = await sockets[0]?.timeout(2000).emitWithAck('pop', { call: 'c1' });
    expect(answer).toEqual({ shown: true });
    expect(pops).toEqual([{ call: 'c1' }]);
  });

  it('keeps the daemon running when Redis goes away under a broadcast, and works again after', async () => {
    const prefix = freshPrefix();
    const a = await node('A', prefix);
    const b = await node('B', prefix);
    const pops: unknown[] = [];
    await agentTab(a.url, '7', pops);
    const unhandled = watchUnhandled();

    await redis.stop();
    await waitFor(() => !b.backend.health.up, 'node B to see Redis down', 2000);
    b.io.to('agent:7').emit('pop', { lost: true }, () => undefined);
    // Cut off from the other nodes, B finds only its own tabs (none); A still reaches its own.
    expect(await b.io.in('agent:7').fetchSockets()).toEqual([]);
    const local = await a.io.in('agent:7').fetchSockets();
    expect(local).toHaveLength(1);
    await redis.start();
    await waitFor(() => b.backend.health.up && a.backend.health.up, 'both nodes to reconnect', 10_000);
    const sockets = await waitFor(
      async () => {
        const found = await b.io
          .in('agent:7')
          .fetchSockets()
          .catch(() => []);
        return found.length > 0 ? found : undefined;
      },
      'node B to reach the tab again once the subscriber re-subscribed',
      10_000,
    );
    await sockets[0]?.timeout(2000).emitWithAck('pop', { call: 'c2' });
    expect(pops).toEqual([{ call: 'c2' }]);
    expect(unhandled).toEqual([]);
  });

  it('starts its servers while Redis is away and joins the other node once Redis is back', async () => {
    const prefix = freshPrefix();
    const unhandled = watchUnhandled();
    const backendA = await openBackend(redis.url, { node: 'A', prefix });
    const backendB = await openBackend(redis.url, { node: 'B', prefix });
    cleanups.push(
      () => backendA.close(),
      () => backendB.close(),
    );
    await redis.stop();
    await waitFor(() => !backendA.health.up && !backendB.health.up, 'both nodes to see Redis down', 2000);
    const a = await node('A', prefix, backendA);
    const b = await node('B', prefix, backendB);
    const pops: unknown[] = [];
    await agentTab(a.url, '9', pops);
    // The subscribers try to connect (and fail) a few times meanwhile.
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();
    const sockets = await waitFor(
      async () => {
        const found = await b.io
          .in('agent:9')
          .fetchSockets()
          .catch(() => []);
        return found.length > 0 ? found : undefined;
      },
      "node B to reach node A's tab once Redis is back",
      15_000,
    );
    await sockets[0]?.timeout(2000).emitWithAck('pop', { call: 'c3' });
    expect(pops).toEqual([{ call: 'c3' }]);
    expect(unhandled).toEqual([]);
  });
});

/** Unhandled rejections from now until the test ends (each would stop a daemon on Node 20). */
function watchUnhandled(): unknown[] {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  cleanups.push(() => void process.off('unhandledRejection', onUnhandled));
  return seen;
}
