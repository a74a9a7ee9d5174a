import { afterEach, describe, expect, test } from 'vitest';
import { acceptThenClose, type RawSapiServer, startRawSapiServer } from '../support/rawSapiServer.js';
import { type RunningSubscriber, startSubscriber } from '../support/startSubscriber.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(respond: Parameters<typeof startRawSapiServer>[0]): Promise<RawSapiServer> {
  const s = await startRawSapiServer(respond);
  cleanups.push(() => s.close());
  return s;
}

async function subscriber(...args: Parameters<typeof startSubscriber>): Promise<RunningSubscriber> {
  const s = await startSubscriber(...args);
  cleanups.push(() => s.stop());
  return s;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scheduled = (s: RunningSubscriber) => s.logs.filter((l) => l.msg === 'SAPI reconnect scheduled');
const gapsOf = (times: readonly number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('SapiSubscriber backoff when sessions end early', () => {
  test('a server that answers 200 and closes after 50 ms meets growing delays, never a tight loop', async () => {
    const sapi = await server(acceptThenClose(50));
    const s = await subscriber(sapi, { retry: { initialMs: 100, maxMs: 800 } });
    await pause(2000);
    await s.stop();
    // Attempts 100–150, 150–250, 250–450, 450–850 ms apart (50 ms session + jittered doubling delay):
    // at most 7 in 2 s. Resetting the backoff on every HTTP 200 would make it about 16.
    const attempts = sapi.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(7);
    const gaps = gapsOf(sapi.requests);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    expect(gaps.at(-1)!).toBeGreaterThanOrEqual(2 * gaps[0]!);
    expect(scheduled(s).map((l) => l.attempt)).toEqual(scheduled(s).map((_, i) => i + 1));
    expect(s.logs.some((l) => l.msg === 'SAPI session ended; resubscribing')).toBe(false);
    expect(s.logs.some((l) => /the SAPI stream ended after \d+ ms with 0 events/.test(l.msg))).toBe(true);
  });

  test('a clean end after more than a second without events is not the planned end: it backs off', async () => {
    const sapi = await server(acceptThenClose(1100));
    const s = await subscriber(sapi, { retry: { initialMs: 1000, maxMs: 4000 } });
    // Second attempt 1.6–2.1 s in, third not before 3.7 s; resubscribing at once would start the third at 2.2 s.
    await pause(3000);
    expect(sapi.requests).toHaveLength(2);
    // The second session may have ended by now: its delay is the backoff's second step, not a fresh start.
    expect(scheduled(s).map((l) => l.attempt)).toEqual(scheduled(s).map((_, i) => i + 1));
    expect(scheduled(s).length).toBeGreaterThanOrEqual(1);
    expect(s.logs.some((l) => l.msg === 'SAPI session ended; resubscribing')).toBe(false);
  });

  test('a session that stayed up long enough starts the backoff over', async () => {
    const sapi = await server(acceptThenClose(250));
    const s = await subscriber(sapi, { retry: { initialMs: 100, maxMs: 800 } }, undefined, {
      stableAfterMs: 200,
    });
    await pause(1200);
    expect(sapi.requests.length).toBeGreaterThanOrEqual(3);
    expect(new Set(scheduled(s).map((l) => l.attempt))).toEqual(new Set([1]));
  });
});
