/** How long a written key lives: without `ttlMs` it stays until deleted. */
export interface StateWriteOptions {
  /** Milliseconds from the write; the key reads as absent once they have passed. */
  readonly ttlMs?: number;
}

/** One write of an atomic `batch`. */
export type StateOp =
  | { readonly op: 'set'; readonly key: string; readonly value: unknown; readonly ttlMs?: number }
  | { readonly op: 'setIfAbsent'; readonly key: string; readonly value: unknown; readonly ttlMs?: number }
  | {
      readonly op: 'merge';
      readonly key: string;
      readonly fields: Readonly<Record<string, unknown>>;
      readonly ttlMs?: number;
    }
  | { readonly op: 'delete'; readonly key: string };

/** The lease a fenced batch must still hold: `<instance>/<connection>` and the fence it was taken with. */
export interface StateFence {
  readonly resource: string;
  readonly fence: number;
}

/** Per op of a batch, in order: false where a `setIfAbsent` found a live value (and wrote nothing). */
export interface StateBatchResult {
  readonly applied: readonly boolean[];
}

/**
 * The durable state of one adapter instance (a subscription id, a vendor resume point, recent answers).
 * Values are JSON-compatible; a missing or expired key reads as `undefined`. Writes made in one event-loop
 * turn are committed together; each write's promise resolves once its commit is durable (it survives a
 * crash of the daemon), so acknowledge a vendor after awaiting it.
 *
 * The calls map onto Redis primitives, so a shared backend can stand in for the embedded one: `set` is
 * `SET PX`, `setIfAbsent` `SET NX PX`, `merge` `HSET` + `PEXPIRE`, `batch` one Lua script (all or nothing),
 * `scan` `SCAN MATCH`.
 */
export interface StateStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, options?: StateWriteOptions): Promise<void>;
  /** Writes only when the key is absent or expired; true when it wrote. */
  setIfAbsent(key: string, value: unknown, options?: StateWriteOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Merges fields into the object held at `key` (created when absent), one level deep, like a hash; `get`
   * reads the whole object. The TTL, when given, is the whole key's.
   */
  merge(key: string, fields: Readonly<Record<string, unknown>>, options?: StateWriteOptions): Promise<void>;
  /**
   * Every op or none, applied in order and committed together. With `fence` (several nodes), a shared
   * backend first checks that this node still holds that lease with that fence, and refuses the whole
   * batch (`SWB_STATE_FENCED`) when it does not; a single-node backend has nothing to check.
   */
  batch(ops: readonly StateOp[], options?: { readonly fence?: StateFence }): Promise<StateBatchResult>;
  /** Live keys starting with `prefix`, in key order; for start-up and maintenance, never per event. */
  scan<T = unknown>(prefix: string): AsyncIterable<readonly [key: string, value: T]>;
}
