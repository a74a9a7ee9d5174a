import { type RedisProcess, startRedis } from '@switchboard/test-support';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RedisStateBackend } from '../src/index.js';
import { maxGroupOps } from '../src/RedisGroupCommit.js';
import { inspector, openBackend } from './support.js';

let redis: RedisProcess;
let look: Redis;
let open: RedisStateBackend[] = [];
beforeAll(async () => {
  redis = await startRedis();
  look = inspector(redis.url);
});
afterAll(async () => {
  await look?.quit();
  await redis?.close();
});
afterEach(async () => {
  await look.call('CLIENT', 'UNPAUSE').catch(() => undefined);
  await Promise.all(open.map((b) => b.close()));
  open = [];
});
const backend = async (node = 'n1'): Promise<RedisStateBackend> => {
  const made = await openBackend(redis.url, { node });
  open.push(made);
  return made;
};

/** How many scripts (`EVALSHA` and `EVAL`) Redis ran since the last `resetStats`. */
async function scriptRuns(): Promise<number> {
  const info = await look.info('commandstats');
  let runs = 0;
  for (const match of info.matchAll(/^cmdstat_(evalsha|eval):calls=(\d+)/gm)) runs += Number(match[2]);
  return runs;
}
const resetStats = async (): Promise<void> => {
  await look.call('CONFIG', 'RESETSTAT');
};
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Tracks which of a list of promises have settled, and how. */
function track<T>(promises: Promise<T>[]): {
  settled: () => number;
  all: Promise<PromiseSettledResult<T>[]>;
} {
  let settled = 0;
  for (const p of promises)
    void p.then(
      () => (settled += 1),
      () => (settled += 1),
    );
  return { settled: () => settled, all: Promise.allSettled(promises) };
}

describe('group commit on Redis', () => {
  it('sends the batches of one turn, across namespaces, as one script run', async () => {
    const b = await backend();
    await b.namespace('pbx').set('warm-up', 1); // loads the script (EVALSHA, then EVAL the first time)
    await resetStats();
    const writes = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? b.namespace('pbx').setIfAbsent(`evt/${i}`, { s: 'pending', i }, { ttlMs: 60_000 })
        : b
            .namespace('~calls')
            .merge(`c${i}/v`, { order: `A&B/${i}` }, { ttlMs: 60_000 })
            .then(() => true),
    );
    expect(await Promise.all(writes)).toEqual(writes.map(() => true));
    expect(await scriptRuns()).toBe(1);
    expect(await b.namespace('pbx').get('evt/48')).toEqual({ s: 'pending', i: 48 });
    expect(await b.namespace('~calls').get('c49/v')).toEqual({ order: 'A&B/49' });
  });

  it('holds what comes while a group is on its way, resolves none of it before Redis answered, then sends it as one group', async () => {
    const b = await backend();
    const store = b.namespace('pbx');
    await store.set('warm-up', 1);
    await resetStats();
    // Redis holds every write (scripts count as writes) until it is unpaused: nothing can be answered before.
    await look.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    const first = track([store.set('first', 1)]);
    await nextTurn(); // the first group is sent at the end of its turn
    const later: Promise<unknown>[] = [];
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 10; i++) later.push(store.setIfAbsent(`evt/${turn}/${i}`, i, { ttlMs: 60_000 }));
      later.push(b.namespace('~calls').merge(`c${turn}/v`, { turn }));
      await nextTurn();
    }
    const rest = track(later);
    await nextTurn();
    expect({ first: first.settled(), rest: rest.settled() }).toEqual({ first: 0, rest: 0 });
    await look.call('CLIENT', 'UNPAUSE');
    const outcomes = await Promise.all([first.all, rest.all]);
    expect(outcomes.flat().every((o) => o.status === 'fulfilled')).toBe(true);
    expect(await scriptRuns()).toBe(2);
    expect(await store.get('evt/4/9')).toBe(9);
  });

  it('rejects every batch of a group that failed, and of the group held behind it', async () => {
    const b = await backend();
    const store = b.namespace('pbx');
    await store.set('warm-up', 1);
    await look.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    // Observed at once: they reject while the server is being killed, before the test gets to look.
    const inFlight = Promise.allSettled([store.set('a', 1), store.setIfAbsent('b', 2)]);
    await nextTurn();
    const held = Promise.allSettled([store.set('c', 3), b.namespace('~calls').merge('c1/v', { x: 1 })]);
    await redis.kill(); // the connection drops with the first group unanswered
    const outcomes = [...(await inFlight), ...(await held)];
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    for (const o of outcomes)
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'SWB_STATE_UNAVAILABLE' });
    await redis.start();
  });

  it('refuses a fenced batch whose lease was lost and applies the rest of its group', async () => {
    const b = await backend('A');
    const resource = 'pbx/main';
    // Renewed far less often than the test lasts: no lease script runs between the counts.
    const lease = await b
      .leases({ ttlMs: 60_000, renewEveryMs: 30_000 })
      .acquire(resource, new AbortController().signal);
    // Another node took the lease over (A stalled past its TTL).
    const leaseKey = (await look.keys('*{i:pbx}:lease:main'))[0] as string;
    await look.set(leaseKey, `B/${lease.fence + 1}`);
    await resetStats();
    const store = b.namespace('pbx');
    const fenced = store.batch(
      [
        { op: 'set', key: 'resume', value: 2 },
        { op: 'set', key: 'fenced-other', value: 'x' },
      ],
      { fence: { resource, fence: lease.fence } },
    );
    const plain = store.batch([
      { op: 'setIfAbsent', key: 'evt/1', value: 'p' },
      { op: 'setIfAbsent', key: 'evt/1', value: 'again' },
    ]);
    await expect(fenced).rejects.toMatchObject({ code: 'SWB_STATE_FENCED' });
    expect(await plain).toEqual({ applied: [true, false] });
    expect(await scriptRuns()).toBe(1);
    expect(await store.get('resume')).toBeUndefined();
    expect(await store.get('fenced-other')).toBeUndefined();
    expect(await store.get('evt/1')).toBe('p');
  });

  it('sends a group once it holds maxGroupOps ops, so no script run grows without bound', async () => {
    const b = await backend();
    const store = b.namespace('pbx');
    await store.set('warm-up', 1);
    await resetStats();
    const count = Math.floor(2.5 * maxGroupOps);
    const writes = Array.from({ length: count }, (_, i) => store.set(`k/${i}`, i, { ttlMs: 60_000 }));
    await Promise.all(writes);
    expect(await scriptRuns()).toBe(3);
    expect(await store.get(`k/${count - 1}`)).toBe(count - 1);
  });

  it('lets a read see a write queued before it in the same turn', async () => {
    const b = await backend();
    const store = b.namespace('pbx');
    const written = store.set('k', { v: 1 });
    const read = store.get('k');
    await written;
    expect(await read).toEqual({ v: 1 });
  });
});
