import { performance } from 'node:perf_hooks';
import type { Lease } from '@switchboard/core/host';
import { type RedisProcess, startRedis, waitFor } from '@switchboard/test-support';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedisStateBackend } from '../src/index.js';
import { freshPrefix, inspector, openBackend } from './support.js';

const timing = { ttlMs: 1500, renewEveryMs: 500 };
const resource = 'pbx/main';

let redis: RedisProcess;
let look: Redis;
let open: RedisStateBackend[] = [];
let stops: AbortController[] = [];
beforeAll(async () => {
  redis = await startRedis();
  look = inspector(redis.url);
});
afterAll(async () => {
  look?.disconnect();
  await redis?.close();
});
afterEach(async () => {
  for (const stop of stops) stop.abort(new Error('test over'));
  stops = [];
  await Promise.all(open.map((b) => b.close()));
  open = [];
  if (redis.pid === undefined) await redis.start();
});

/** Two daemons of one deployment (same prefix), A and B. */
async function twoNodes(): Promise<[RedisStateBackend, RedisStateBackend]> {
  const prefix = freshPrefix();
  const a = await openBackend(redis.url, { node: 'A', prefix });
  const b = await openBackend(redis.url, { node: 'B', prefix });
  open.push(a, b);
  return [a, b];
}
const signal = (): AbortSignal => {
  const c = new AbortController();
  stops.push(c);
  return c.signal;
};
/** Resolves with the time the promise settled at. */
const settledAt = <T>(p: Promise<T>): Promise<{ value: T; at: number }> =>
  p.then((value) => ({ value, at: performance.now() }));
const leaseValue = async (): Promise<string | null> =>
  look.get((await look.keys(`*{i:pbx}:lease:main`))[0] ?? 'none');

describe('Redis leases between two nodes', () => {
  it('gives a resource to one node only, renewed well past its TTL while the holder lives', async () => {
    const [a, b] = await twoNodes();
    const leaseA = await a.leases(timing).acquire(resource, signal());
    let bGot: Lease | undefined;
    void b
      .leases(timing)
      .acquire(resource, signal())
      .then(
        (l) => {
          bGot = l;
        },
        () => undefined,
      );
    // Four TTLs: without renewals the lease would have expired (and B taken it) three times over.
    const until = performance.now() + 4 * timing.ttlMs;
    let checks = 0;
    while (performance.now() < until) {
      expect(await leaseValue()).toBe(`A/${leaseA.fence}`);
      expect(bGot).toBeUndefined();
      checks++;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(checks).toBeGreaterThan(5);
    expect(leaseA.lost.aborted).toBe(false);
  });

  it('hands the lease to the standby with a higher fence when the holder releases it', async () => {
    const [a, b] = await twoNodes();
    const leaseA = await a.leases(timing).acquire(resource, signal());
    const pending = b.leases(timing).acquire(resource, signal());
    await leaseA.release();
    const leaseB = await pending;
    expect(leaseB.fence).toBe(leaseA.fence + 1);
    expect(await leaseValue()).toBe(`B/${leaseB.fence}`);
    expect(leaseA.lost.aborted).toBe(false);
  });

  it('lets the standby take over after the TTL when the holder dies, and the holder stops itself first', async () => {
    const [a, b] = await twoNodes();
    const leaseA = await a.leases(timing).acquire(resource, signal());
    const lostA = new Promise<number>((resolve) =>
      leaseA.lost.addEventListener('abort', () => resolve(performance.now()), { once: true }),
    );
    const takeover = settledAt(b.leases(timing).acquire(resource, signal()));
    // A's connection drops without a word (a killed process, a cut cable): no renewal, no release.
    const diedAt = performance.now();
    a.client.disconnect();
    const { value: leaseB, at: tookAt } = await takeover;
    const lostAt = await lostA;
    expect(leaseB.fence).toBeGreaterThan(leaseA.fence);
    expect(lostAt).toBeLessThan(tookAt);
    expect(String((leaseA.lost.reason as Error).message)).toMatch(/could not be renewed/);
    // Bound: the TTL after A's last renewal, plus one standby poll (renewEveryMs / 2 + 20 %), plus slack.
    expect(tookAt - diedAt).toBeLessThan(timing.ttlMs + timing.renewEveryMs * 0.6 + 1000);
  });

  it('stops the holder by itself within ttl − renewEveryMs when Redis is stopped, and leases again after', async () => {
    const [a] = await twoNodes();
    const leaseA = await a.leases(timing).acquire(resource, signal());
    const lostA = new Promise<number>((resolve) =>
      leaseA.lost.addEventListener('abort', () => resolve(performance.now()), { once: true }),
    );
    const stoppedAt = performance.now();
    await redis.stop();
    const lostAt = await lostA;
    expect((leaseA.lost.reason as { code?: string }).code).toBe('SWB_LEASE_LOST');
    // Its last renewal reached Redis before the stop, so Redis would have kept the lease until at least
    // `ttlMs` after the stop: the holder gave up before any other node could have taken it.
    expect(lostAt - stoppedAt).toBeLessThan(timing.ttlMs);
    await redis.start();
    await waitFor(() => a.health.up, 'the backend to reconnect', 10_000);
    const again = await a.leases(timing).acquire(resource, signal());
    expect(again.fence).toBeGreaterThan(0);
    expect(await leaseValue()).toBe(`A/${again.fence}`);
  });

  it("refuses a fenced batch once the lease is another node's, and writes none of it", async () => {
    const [a, b] = await twoNodes();
    const leaseA = await a.leases(timing).acquire(resource, signal());
    const fenceA = { resource, fence: leaseA.fence };
    const storeA = a.namespace('pbx');
    await storeA.batch([{ op: 'set', key: 'resume', value: 1 }], { fence: fenceA });
    expect(await storeA.get('resume')).toBe(1);
    // A stalls (a long GC pause, a frozen VM) past its TTL: its lease expires and B takes over.
    await look.del((await look.keys(`*{i:pbx}:lease:main`))[0] as string);
    const leaseB = await b.leases(timing).acquire(resource, signal());
    expect(leaseB.fence).toBe(leaseA.fence + 1);
    await expect(
      storeA.batch(
        [
          { op: 'set', key: 'resume', value: 2 },
          { op: 'set', key: 'other', value: 'x' },
        ],
        { fence: fenceA },
      ),
    ).rejects.toMatchObject({ code: 'SWB_STATE_FENCED' });
    expect(await storeA.get('resume')).toBe(1);
    expect(await storeA.get('other')).toBeUndefined();
    await b.namespace('pbx').batch([{ op: 'set', key: 'resume', value: 3 }], {
      fence: { resource, fence: leaseB.fence },
    });
    expect(await storeA.get('resume')).toBe(3);
    // A's own fence number on B's node is not B's lease either.
    await expect(
      a
        .namespace('pbx')
        .batch([{ op: 'set', key: 'resume', value: 4 }], { fence: { resource, fence: leaseB.fence } }),
    ).rejects.toMatchObject({ code: 'SWB_STATE_FENCED' });
  });

  it('stops waiting for a lease when its signal aborts', async () => {
    const [a, b] = await twoNodes();
    await a.leases(timing).acquire(resource, signal());
    const stop = new AbortController();
    const waiting = b.leases(timing).acquire(resource, stop.signal);
    stop.abort(new Error('instance stopping'));
    await expect(waiting).rejects.toThrow('instance stopping');
  });
});
