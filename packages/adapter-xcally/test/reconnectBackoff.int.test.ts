import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@switchboard/test-support';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionHarness } from './support/connectionHarness.js';

/** A socket.io 4 server that accepts every client and drops it after `holdMs` (0: at once). */
async function droppingServer(holdMs: number) {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const connectedAt: number[] = [];
  io.on('connection', (socket) => {
    connectedAt.push(Date.now());
    if (holdMs === 0) socket.disconnect(true);
    else setTimeout(() => socket.disconnect(true), holdMs);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => io.close(() => resolve()));
  return { url, connectedAt, close };
}

let harness: ConnectionHarness | undefined;
let server: Awaited<ReturnType<typeof droppingServer>> | undefined;

afterEach(async () => {
  await harness?.stop();
  await server?.close();
  harness = undefined;
  server = undefined;
});

// No jitter, so the delays are exactly initialMs × factor^attempt.
const reconnect = { initialMs: 30, factor: 3, maxMs: 5000, jitter: 0 };

describe('the reconnect backoff', () => {
  it('grows while a server drops every client right after accepting it (no flap loop)', async () => {
    server = await droppingServer(0);
    harness = new ConnectionHarness();
    harness.start({ url: server.url, protocol: 'v4', reconnect });
    const h = harness;
    const s = server;
    await waitFor(() => s.connectedAt.length >= 5, 'five connections', 5000);
    const delays = h.reconnectDelays().slice(0, 4);
    expect(delays).toEqual([30, 90, 270, 810]);
    const gaps = s.connectedAt.slice(1, 5).map((at, i) => at - (s.connectedAt[i] as number));
    // Each gap is at least its delay: the client waits the growing delay before every attempt. (Gaps are
    // not compared with each other: on a loaded machine a connect alone can take longer than 500 ms.)
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual((delays[i] as number) - 5);
    // Each connection still says so (adapter.connected / adapter.disconnected), but at that pace only.
    // (The server drops a client at once, so the client may see the drop of the last one a moment later.)
    await waitFor(() => h.count('connected') >= 4 && h.count('disconnected') >= 4, 'the state changes', 5000);
    expect(h.count('connected')).toBeLessThanOrEqual(s.connectedAt.length);
  });

  it('starts again from the first delay once a connection stayed up long enough', async () => {
    server = await droppingServer(120);
    harness = new ConnectionHarness();
    harness.start({ url: server.url, protocol: 'v4', reconnect }, undefined, { stableAfterMs: 40 });
    const h = harness;
    await waitFor(() => h.reconnectDelays().length >= 4, 'four reconnects', 5000);
    expect(h.reconnectDelays().slice(0, 4)).toEqual([30, 30, 30, 30]);
  });

  it('reconnects at once after each drop of a session that was up for a second, with no growing gap', async () => {
    // xcally-realtime has no replay: every event sent while the client waits to reconnect is lost.
    server = await droppingServer(1100);
    harness = new ConnectionHarness();
    harness.start({ url: server.url, protocol: 'v4', reconnect }, undefined, { stableAfterMs: 60_000 });
    const h = harness;
    const s = server;
    await waitFor(() => s.connectedAt.length >= 4, 'four connections', 15_000);
    expect(h.reconnectDelays().slice(0, 3)).toEqual([0, 0, 0]);
    // Each gap is the session's 1.1 s and the reconnect itself, never a backoff delay on top.
    const gaps = s.connectedAt.slice(1, 4).map((at, i) => at - (s.connectedAt[i] as number));
    for (const gap of gaps) expect(gap).toBeLessThan(1100 + 1000);
  });

  it('keeps growing when the connections end before they count as stable', async () => {
    server = await droppingServer(40);
    harness = new ConnectionHarness();
    harness.start({ url: server.url, protocol: 'v4', reconnect }, undefined, { stableAfterMs: 1000 });
    const h = harness;
    await waitFor(() => h.reconnectDelays().length >= 3, 'three reconnects', 5000);
    expect(h.reconnectDelays().slice(0, 3)).toEqual([30, 90, 270]);
  });
});
