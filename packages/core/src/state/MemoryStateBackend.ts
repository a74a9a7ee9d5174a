import type { StateBatchResult, StateOp, StateStore, StateWriteOptions } from '../contract/StateStore.js';
import { type Clock, systemClock } from '../runtime/Clock.js';
import { applyStateOp, type StateOpTarget } from './applyStateOp.js';
import { assertStorable } from './assertStorable.js';
import type { StateBackend, StateOpening } from './StateBackend.js';
import { liveValue, type StoredValue } from './storedValue.js';

/** Writes between two sweeps of expired keys. */
const sweepEvery = 1024;

/**
 * One namespace kept in memory, with the semantics of the durable backends (TTLs on the injected clock,
 * set-if-absent, atomic batches, scans in key order). Values are copied in and out, as a backend that
 * serializes them would. For tests, `replay` and `rules-runner test`.
 */
export class MemoryStateStore implements StateStore {
  readonly #data = new Map<string, StoredValue>();
  readonly #clock: Clock;
  #writes = 0;
  readonly #target: StateOpTarget = {
    read: (key) => this.#data.get(key),
    write: (key, stored) => {
      this.#data.set(key, stored);
    },
    remove: (key) => {
      this.#data.delete(key);
    },
  };

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const live = liveValue(this.#data.get(key), this.#clock.now());
    return live === undefined ? undefined : (structuredClone(live.v) as T);
  }

  async set(key: string, value: unknown, options?: StateWriteOptions): Promise<void> {
    this.#apply([{ op: 'set', key, value, ...ttl(options) }]);
  }

  async setIfAbsent(key: string, value: unknown, options?: StateWriteOptions): Promise<boolean> {
    return this.#apply([{ op: 'setIfAbsent', key, value, ...ttl(options) }])[0] as boolean;
  }

  async delete(key: string): Promise<void> {
    this.#apply([{ op: 'delete', key }]);
  }

  async merge(
    key: string,
    fields: Readonly<Record<string, unknown>>,
    options?: StateWriteOptions,
  ): Promise<void> {
    this.#apply([{ op: 'merge', key, fields, ...ttl(options) }]);
  }

  async batch(ops: readonly StateOp[]): Promise<StateBatchResult> {
    return { applied: this.#apply(ops) };
  }

  async *scan<T = unknown>(prefix: string): AsyncIterable<readonly [string, T]> {
    const now = this.#clock.now();
    const keys = [...this.#data.keys()].filter((k) => k.startsWith(prefix)).sort(byteOrder);
    for (const key of keys) {
      const live = liveValue(this.#data.get(key), now);
      if (live !== undefined) yield [key, structuredClone(live.v) as T];
    }
  }

  /** Keys held, expired ones included until the next sweep. */
  get size(): number {
    return this.#data.size;
  }

  /** All or nothing: ops are checked and copied before any is applied; an op that throws undoes the batch. */
  #apply(ops: readonly StateOp[]): boolean[] {
    const now = this.#clock.now();
    const copies = ops.map(copyOp);
    const undo = new Map<string, StoredValue | undefined>();
    const target: StateOpTarget = {
      read: this.#target.read,
      write: (key, stored) => {
        if (!undo.has(key)) undo.set(key, this.#data.get(key));
        this.#target.write(key, stored);
      },
      remove: (key) => {
        if (!undo.has(key)) undo.set(key, this.#data.get(key));
        this.#target.remove(key);
      },
    };
    try {
      const applied = copies.map((op) => applyStateOp(target, op, now));
      this.#writes += ops.length;
      if (this.#writes >= sweepEvery) this.#sweep(now);
      return applied;
    } catch (error) {
      for (const [key, before] of undo) {
        if (before === undefined) this.#data.delete(key);
        else this.#data.set(key, before);
      }
      throw error;
    }
  }

  #sweep(now: number): void {
    this.#writes = 0;
    for (const [key, stored] of this.#data)
      if (stored.e !== undefined && stored.e <= now) this.#data.delete(key);
  }
}

/**
 * Every namespace in memory: state lasts as long as the process. With `durable: true` it acts as a durable
 * backend (the ledger and call vars are kept in it), so a test can "restart" by giving the same backend
 * to a second runtime.
 */
export class MemoryStateBackend implements StateBackend {
  readonly durable: boolean;
  readonly #namespaces = new Map<string, MemoryStateStore>();
  readonly #clock: Clock;

  constructor(clock: Clock = systemClock, options: { readonly durable?: boolean } = {}) {
    this.#clock = clock;
    this.durable = options.durable ?? false;
  }

  async open(): Promise<StateOpening> {
    return { fresh: true };
  }

  namespace(name: string): MemoryStateStore {
    let store = this.#namespaces.get(name);
    if (!store) {
      store = new MemoryStateStore(this.#clock);
      this.#namespaces.set(name, store);
    }
    return store;
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}

const ttl = (options: StateWriteOptions | undefined): { ttlMs?: number } =>
  options?.ttlMs === undefined ? {} : { ttlMs: options.ttlMs };

/** Checks and copies the values of an op, before anything of its batch is written. */
function copyOp(op: StateOp): StateOp {
  switch (op.op) {
    case 'set':
    case 'setIfAbsent':
      assertStorable(op.value, op.key);
      return { ...op, value: structuredClone(op.value) };
    case 'merge':
      assertStorable(op.fields, op.key);
      return { ...op, fields: structuredClone(op.fields) };
    case 'delete':
      return op;
  }
}

/** Code-unit order: the byte order of UTF-8 keys for every character up to U+FFFF. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
