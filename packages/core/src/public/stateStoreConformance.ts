import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import type { StateStore } from '../contract/StateStore.js';
import type { ManualClock } from '../runtime/Clock.js';

/** The parts of a test runner (vitest, node:test) the suite uses. */
export interface SuiteApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  afterEach(body: () => Promise<void> | void): void;
}

/** A fresh store for one test, on a clock the suite moves. */
export interface StoreUnderTest {
  readonly store: StateStore;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

/**
 * What every state backend must do, run by each backend's own tests (memory, embedded, Redis):
 * `stateStoreConformance({ describe, it, afterEach }, 'embedded', async (clock) => …)`.
 */
export function stateStoreConformance(
  api: SuiteApi,
  name: string,
  make: () => Promise<StoreUnderTest>,
): void {
  const { describe, it, afterEach } = api;
  describe(`state store conformance: ${name}`, () => {
    let open: StoreUnderTest[] = [];
    const fresh = async (): Promise<StoreUnderTest> => {
      const made = await make();
      open.push(made);
      return made;
    };
    afterEach(async () => {
      await Promise.all(open.map((s) => s.close()));
      open = [];
    });

    it('reads back what it wrote, and nothing for a key never written or deleted', async () => {
      const { store } = await fresh();
      strictEqual(await store.get('missing'), undefined);
      await store.set('k', { a: 1, list: [1, 'two', null], nested: { b: true } });
      deepStrictEqual(await store.get('k'), { a: 1, list: [1, 'two', null], nested: { b: true } });
      await store.set('k', 'replaced');
      strictEqual(await store.get('k'), 'replaced');
      await store.delete('k');
      strictEqual(await store.get('k'), undefined);
      await store.delete('never-there');
    });

    it('gives a value back as a copy: changing it later changes nothing stored', async () => {
      const { store } = await fresh();
      const value = { n: 1 };
      await store.set('k', value);
      value.n = 2;
      const read = await store.get<{ n: number }>('k');
      deepStrictEqual(read, { n: 1 });
      if (read) read.n = 3;
      deepStrictEqual(await store.get('k'), { n: 1 });
    });

    it('expires a key when its TTL has passed on the clock, not before', async () => {
      const { store, clock } = await fresh();
      await store.set('short', 1, { ttlMs: 1000 });
      await store.set('forever', 2);
      clock.advance(999);
      strictEqual(await store.get('short'), 1);
      clock.advance(1);
      strictEqual(await store.get('short'), undefined);
      strictEqual(await store.get('forever'), 2);
      await store.set('short', 3, { ttlMs: 1000 });
      strictEqual(await store.get('short'), 3);
    });

    it('writes setIfAbsent once when 200 callers race for a key in one tick', async () => {
      const { store } = await fresh();
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => store.setIfAbsent('race', i, { ttlMs: 60_000 })),
      );
      strictEqual(results.filter(Boolean).length, 1);
      strictEqual(await store.get('race'), results.indexOf(true));
    });

    it('takes setIfAbsent over an expired value, not over a live one', async () => {
      const { store, clock } = await fresh();
      ok(await store.setIfAbsent('k', 'first', { ttlMs: 500 }));
      strictEqual(await store.setIfAbsent('k', 'second', { ttlMs: 500 }), false);
      clock.advance(500);
      ok(await store.setIfAbsent('k', 'third'));
      strictEqual(await store.get('k'), 'third');
    });

    it('merges fields into an object, keeping the TTL unless a new one is given', async () => {
      const { store, clock } = await fresh();
      await store.merge('call', { a: 1, b: 1 }, { ttlMs: 1000 });
      await store.merge('call', { b: 2, c: { deep: true } });
      deepStrictEqual(await store.get('call'), { a: 1, b: 2, c: { deep: true } });
      clock.advance(600);
      await store.merge('call', { d: 4 }, { ttlMs: 1000 });
      clock.advance(600);
      deepStrictEqual(await store.get('call'), { a: 1, b: 2, c: { deep: true }, d: 4 });
      clock.advance(400);
      strictEqual(await store.get('call'), undefined);
      await store.merge('call', { fresh: 1 });
      deepStrictEqual(await store.get('call'), { fresh: 1 });
    });

    it('applies a batch in order and says which setIfAbsent found a live value', async () => {
      const { store } = await fresh();
      await store.set('taken', 'x');
      const { applied } = await store.batch([
        { op: 'setIfAbsent', key: 'taken', value: 'y' },
        { op: 'setIfAbsent', key: 'new', value: 'n', ttlMs: 10_000 },
        { op: 'set', key: 'resume', value: { mark: 7 } },
        { op: 'merge', key: 'h', fields: { a: 1 } },
        { op: 'delete', key: 'gone' },
      ]);
      deepStrictEqual(applied, [false, true, true, true, true]);
      strictEqual(await store.get('taken'), 'x');
      strictEqual(await store.get('new'), 'n');
      deepStrictEqual(await store.get('resume'), { mark: 7 });
      deepStrictEqual(await store.get('h'), { a: 1 });
    });

    it('writes nothing of a batch whose values cannot be stored', async () => {
      const { store } = await fresh();
      await store.set('kept', 1);
      await rejects(
        store.batch([
          { op: 'set', key: 'kept', value: 2 },
          { op: 'set', key: 'first', value: 'a' },
          { op: 'set', key: 'bad', value: { f: () => 1 } },
        ]),
      );
      strictEqual(await store.get('kept'), 1);
      strictEqual(await store.get('first'), undefined);
      strictEqual(await store.get('bad'), undefined);
    });

    it('scans live keys by prefix in key order', async () => {
      const { store, clock } = await fresh();
      await store.set('evt/b', 2);
      await store.set('evt/a', 1);
      await store.set('evt/c', 3, { ttlMs: 100 });
      await store.set('evu/x', 'other');
      await store.set('ev', 'short');
      clock.advance(100);
      const seen: [string, unknown][] = [];
      for await (const [key, value] of store.scan('evt/')) seen.push([key, value]);
      deepStrictEqual(seen, [
        ['evt/a', 1],
        ['evt/b', 2],
      ]);
    });

    it('keeps keys of up to 1,000 bytes and any Unicode', async () => {
      const { store } = await fresh();
      const long = `k/${'é'.repeat(499)}`;
      await store.set(long, 'long');
      await store.set('k/ünïcödé 📞', 'unicode');
      strictEqual(await store.get(long), 'long');
      strictEqual(await store.get('k/ünïcödé 📞'), 'unicode');
    });
  });
}
