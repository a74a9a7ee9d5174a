import { afterEach, describe, expect, test } from 'vitest';
import { acceptThenClose, type RawSapiServer, startRawSapiServer } from '../support/rawSapiServer.js';
import { type RunningSapiConnection, startSapiConnection } from '../support/startSapiConnection.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(respond: Parameters<typeof startRawSapiServer>[0]): Promise<RawSapiServer> {
  const s = await startRawSapiServer(respond);
  cleanups.push(() => s.close());
  return s;
}

async function subscribe(...args: Parameters<typeof startSapiConnection>): Promise<RunningSapiConnection> {
  const s = await startSapiConnection(...args);
  cleanups.push(() => s.stop());
  return s;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Core's `reconnecting to … in N ms` lines; `attempt` is the number of the attempt about to be made. */
const scheduled = (s: RunningSapiConnection) =>
  s.logs.filter((l) => l.msg.startsWith('reconnecting to 8x8 SAPI at '));
/** Attempts 2, 3, 4…: no reset in between. */
const consecutive = (s: RunningSapiConnection) => scheduled(s).map((_, i) => i + 2);
const renewed = (s: RunningSapiConnection) => s.logs.some((l) => l.msg.includes('renewed the session'));
const gapsOf = (times: readonly number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('SapiConnection backoff when sessions end early', () => {
  test('a server that answers 200 and closes after 50 ms meets growing delays, never a tight loop', async () => {
    const sapi = await server(acceptThenClose(50));
    const s = await subscribe(sapi, { retry: { initialMs: 100, maxMs: 800 } });
    await pause(2000);
    await s.stop();
    // Attempts 100–150, 150–250, 250–450, 450–850 ms apart (50 ms session + jittered doubling delay):
    // at most 7 in 2 s. Resetting the backoff on every HTTP 200 would make it about 16.
    const attempts = sapi.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(7);
    const gaps = gapsOf(sapi.requests);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    // The delays core chose grow, and the server saw at least them between requests. (The first gap
    // also holds the first event's one-time dispatch cost, so gaps alone say little about growth.)
    const delays = scheduled(s).map((l) => Number(l.delayMs));
    expect(delays.at(-1)!).toBeGreaterThanOrEqual(2 * delays[0]!);
    expect(gaps.filter((gap, i) => gap < delays[i]!)).toEqual([]);
    expect(scheduled(s).map((l) => l.attempt)).toEqual(consecutive(s));
    expect(renewed(s)).toBe(false);
    expect(s.logs.some((l) => /the SAPI stream ended after \d+ ms with 0 events/.test(l.msg))).toBe(true);
  });

  test('a clean end after more than a second without events is not the planned end: it backs off', async () => {
    const sapi = await server(acceptThenClose(1100));
    const s = await subscribe(sapi, { retry: { initialMs: 1000, maxMs: 4000 } });
    // Second attempt 1.6–2.1 s in, third not before 3.7 s; resubscribing at once would start the third at 2.2 s.
    await pause(3000);
    expect(sapi.requests).toHaveLength(2);
    // The second session may have ended by now: its delay is the backoff's second step, not a fresh start.
    expect(scheduled(s).map((l) => l.attempt)).toEqual(consecutive(s));
    expect(scheduled(s).length).toBeGreaterThanOrEqual(1);
    expect(renewed(s)).toBe(false);
  });

  test('a session that stayed up long enough starts the backoff over', async () => {
    const sapi = await server(acceptThenClose(250));
    const s = await subscribe(sapi, { retry: { initialMs: 100, maxMs: 800 } }, undefined, {
      stableAfterMs: 200,
    });
    await pause(1200);
    expect(sapi.requests.length).toBeGreaterThanOrEqual(3);
    expect(new Set(scheduled(s).map((l) => l.attempt))).toEqual(new Set([1]));
  });
});

describe('SapiConnection: what proves a session', () => {
  test('a stream that breaks after a new event is resubscribed at once; one that only replays it meets growing delays', async () => {
    const event = `${JSON.stringify({
      AgentStatusChange: {
        agentId: 'ag1',
        newState: 5,
        msgInfo: { instanceId: 'sapi01', sequenceId: 1, timestamp: Date.now() - 1000 },
      },
    })}\n`;
    // Every session: the same event (SAPI's replay), then the connection breaks.
    const sapi = await server((res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.write(event);
      const timer = setTimeout(() => res.socket?.destroy(), 30);
      res.on('close', () => clearTimeout(timer));
    });
    const s = await subscribe(sapi, { retry: { initialMs: 100, maxMs: 800 } });
    await pause(1500);
    await s.stop();
    const delays = scheduled(s).map((l) => Number(l.delayMs));
    // The first session delivered a new event: at once. The next ones only replayed it: 50–100, 100–200, …
    expect(delays[0]).toBe(0);
    expect(delays.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...delays.slice(1))).toBeGreaterThanOrEqual(50);
    expect(delays.at(-1)!).toBeGreaterThanOrEqual(2 * delays[1]!);
    expect(sapi.requests.length).toBeLessThanOrEqual(7);
    expect(s.events.published.map((e) => e.agent?.id)).toEqual(['ag1']);
  });
});
