import { type RedisProcess, startRedis, waitFor } from '@switchboard/test-support';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateBackend } from '../src/index.js';
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
  await Promise.all(open.map((b) => b.close()));
  open = [];
});
const backend = async (node = 'n1', prefix?: string): Promise<RedisStateBackend> => {
  const made = await openBackend(redis.url, { node, ...(prefix ? { prefix } : {}) });
  open.push(made);
  return made;
};

describe('Redis state store on a real redis-server', () => {
  it('opens fresh for the first daemon of a deployment only', async () => {
    const prefix = `fresh-${Date.now()}`;
    const first = new RedisStateBackend({ url: redis.url, prefix, node: 'a' });
    const second = new RedisStateBackend({ url: redis.url, prefix, node: 'b' });
    open.push(first, second);
    expect(await first.open()).toEqual({ fresh: true });
    expect(await second.open()).toEqual({ fresh: false });
    expect(await look.exists(`${prefix}:meta`)).toBe(1);
  });

  it('lets Redis expire a key on its own clock (PXAT), a hash as well as a string', async () => {
    const b = await backend();
    const store = b.namespace('pbx');
    await store.set('evt/1', { s: 'pending' }, { ttlMs: 300 });
    await store.set('mark', 7, { ttlMs: 300 });
    await store.set('kept', 1);
    expect(await store.get('evt/1')).toEqual({ s: 'pending' });
    const keys = await look.keys('*{i:pbx}*');
    expect(keys.sort()).toEqual(
      ['evt/1', 'kept', 'mark'].map((k) =>
        expect.stringMatching(new RegExp(`^t-[0-9a-f]+:\\{i:pbx\\}:k:${k}$`)),
      ),
    );
    const ttl = await look.pttl(keys.find((k) => k.endsWith(':mark')) as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await waitFor(async () => (await look.keys('*{i:pbx}*')).length === 1, 'Redis to expire both keys', 5000);
    expect(await store.get('evt/1')).toBeUndefined();
    expect(await store.get('mark')).toBeUndefined();
    expect(await store.get('kept')).toBe(1);
  });

  it('writes setIfAbsent once per key when two daemons race for 100 keys', async () => {
    const prefix = `race-${Date.now()}`;
    const [a, b] = [await backend('a', prefix), await backend('b', prefix)];
    const keys = Array.from({ length: 100 }, (_, i) => `evt/${i}`);
    const race = (node: RedisStateBackend, name: string) =>
      Promise.all(keys.map((k) => node.namespace('pbx').setIfAbsent(k, name, { ttlMs: 60_000 })));
    const [wonA, wonB] = await Promise.all([race(a, 'a'), race(b, 'b')]);
    const doubled = keys.filter((_, i) => wonA[i] && wonB[i]).length;
    const lost = keys.filter((_, i) => !wonA[i] && !wonB[i]).length;
    expect({ doubled, lost }).toEqual({ doubled: 0, lost: 0 });
    for (const [i, key] of keys.entries())
      expect(await a.namespace('pbx').get(key)).toBe(wonA[i] ? 'a' : 'b');
  });

  it('keeps namespaces apart and scans with glob characters taken literally', async () => {
    const b = await backend();
    await b.namespace('x').set('a*[b]?/1', 1);
    await b.namespace('x').set('a*[b]?/2', 2);
    await b.namespace('x').set('aX[b]?/3', 'not matched by the literal prefix');
    await b.namespace('x*').set('a*[b]?/9', 'other namespace');
    const seen: [string, unknown][] = [];
    for await (const [k, v] of b.namespace('x').scan('a*[b]?/')) seen.push([k, v]);
    expect(seen).toEqual([
      ['a*[b]?/1', 1],
      ['a*[b]?/2', 2],
    ]);
  });

  it('merges into an object written by set, keeping its fields and TTL', async () => {
    const b = await backend();
    const store = b.namespace('calls');
    await store.set('c1', { a: 1, nested: { x: [1, 2] } }, { ttlMs: 60_000 });
    await store.merge('c1', { b: 'two', a: undefined });
    expect(await store.get('c1')).toEqual({ nested: { x: [1, 2] }, b: 'two' });
    await store.set('s', 'plain', { ttlMs: 60_000 });
    await store.merge('s', { now: 'an object' });
    expect(await store.get('s')).toEqual({ now: 'an object' });
    const [key] = await look.keys('*{i:calls}:k:s');
    expect(await look.pttl(key as string)).toBeGreaterThan(50_000);
    await store.set('empty', {});
    expect(await store.get('empty')).toEqual({});
  });
});
