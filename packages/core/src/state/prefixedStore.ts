import type { StateOp, StateStore } from '../contract/StateStore.js';

/**
 * A view of a store whose keys all start with `prefix`: an adapter's `ctx.state` (`a/…`) and core's part
 * of the same instance namespace (`c/…`) never see each other's keys, yet share one atomic `batch`.
 */
export function prefixedStore(store: StateStore, prefix: string): StateStore {
  const key = (k: string): string => prefix + k;
  return {
    get: (k) => store.get(key(k)),
    set: (k, value, options) => store.set(key(k), value, options),
    setIfAbsent: (k, value, options) => store.setIfAbsent(key(k), value, options),
    delete: (k) => store.delete(key(k)),
    merge: (k, fields, options) => store.merge(key(k), fields, options),
    batch: (ops) => store.batch(ops.map((op): StateOp => ({ ...op, key: key(op.key) }))),
    async *scan<T>(p: string): AsyncIterable<readonly [string, T]> {
      for await (const [k, value] of store.scan<T>(key(p))) yield [k.slice(prefix.length), value];
    },
  };
}

/** The prefix of an adapter's own keys in its instance namespace. */
export const adapterKeyPrefix = 'a/';
/** The prefix of core's keys (the event ledger) in an instance namespace. */
export const coreKeyPrefix = 'c/';
