import type { Clock, StateBatchResult, StateOp, StateStore, StateWriteOptions } from '@switchboard/core';
import type { BatchOutcome, RedisGroupCommit } from './RedisGroupCommit.js';
import type { SwitchboardRedis } from './redisClient.js';
import type { RedisKeys } from './redisKeys.js';
import { stateError } from './stateError.js';
import { opArguments, readValue } from './storedForm.js';

/** The lease a fenced batch must still hold: `<instance>/<connection>` and the fence it was taken with. */
export interface Fence {
  readonly resource: string;
  readonly fence: number;
}

/** Keys a scan asks Redis for per round trip. */
const scanCount = 1000;

/**
 * One namespace of the Redis backend. Writes are group-committed by the backend (`RedisGroupCommit`): every
 * batch queued in one turn, or while the previous group was on its way, goes out in one Lua script run, each
 * batch atomic and fenced on its own; a read sees the writes made before it. TTLs are absolute expiries
 * (`PXAT`) on the backend's clock.
 */
export class RedisStateStore implements StateStore {
  readonly #client: SwitchboardRedis;
  readonly #keys: RedisKeys;
  readonly #namespace: string;
  readonly #clock: Clock;
  readonly #node: string;
  readonly #failed: (error: unknown) => void;
  readonly #group: RedisGroupCommit;

  constructor(
    client: SwitchboardRedis,
    keys: RedisKeys,
    namespace: string,
    clock: Clock,
    node: string,
    group: RedisGroupCommit,
    failed: (error: unknown) => void = () => undefined,
  ) {
    this.#group = group;
    this.#failed = failed;
    this.#client = client;
    this.#keys = keys;
    this.#namespace = namespace;
    this.#clock = clock;
    this.#node = node;
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.#read(key)).value as T | undefined;
  }

  async set(key: string, value: unknown, options?: StateWriteOptions): Promise<void> {
    await this.batch([{ op: 'set', key, value, ...ttl(options) }]);
  }

  async setIfAbsent(key: string, value: unknown, options?: StateWriteOptions): Promise<boolean> {
    const { applied } = await this.batch([{ op: 'setIfAbsent', key, value, ...ttl(options) }]);
    return applied[0] === true;
  }

  async delete(key: string): Promise<void> {
    await this.batch([{ op: 'delete', key }]);
  }

  async merge(
    key: string,
    fields: Readonly<Record<string, unknown>>,
    options?: StateWriteOptions,
  ): Promise<void> {
    await this.batch([{ op: 'merge', key, fields, ...ttl(options) }]);
  }

  /**
   * Every op or none (one Lua script). With `fence`, the script first checks that the lease still holds
   * `<node>/<fence>` and refuses the whole batch with `SWB_STATE_FENCED` when it does not, so a node that
   * lost its lease can never move a resume point after the new holder did.
   */
  async batch(ops: readonly StateOp[], options?: { readonly fence?: Fence }): Promise<StateBatchResult> {
    if (ops.length === 0) return { applied: [] };
    const now = this.#clock.now();
    const args = ops.flatMap((op) => opArguments(op, now));
    const keys = ops.map((op) => this.#keys.value(this.#namespace, op.key));
    const fence = options?.fence;
    if (fence) keys.unshift(this.#keys.lease(fence.resource));
    const fenceValue = fence ? `${this.#node}/${fence.fence}` : '';
    let outcome: BatchOutcome;
    try {
      outcome = await this.#group.add({ keys, fence: fenceValue, ops: ops.length, args });
    } catch (error) {
      this.#failed(error);
      throw stateError(error, `writing state of ${this.#namespace}`);
    }
    if ('refused' in outcome)
      throw stateError(new Error(outcome.refused), `writing state of ${this.#namespace}`);
    return { applied: outcome.applied };
  }

  /** Unordered in Redis, so every matching key is collected first and the result given in key order. */
  async *scan<T = unknown>(prefix: string): AsyncIterable<readonly [key: string, value: T]> {
    const found = new Set<string>();
    this.#group.sendNow();
    const pattern = this.#keys.valuePattern(this.#namespace, prefix);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await this.#client.scan(cursor, 'MATCH', pattern, 'COUNT', scanCount);
        cursor = next;
        for (const key of keys) found.add(this.#keys.storeKey(this.#namespace, key));
      } while (cursor !== '0');
    } catch (error) {
      this.#failed(error);
      throw stateError(error, `scanning state of ${this.#namespace}`);
    }
    for (const key of [...found].sort(byteOrder)) {
      const read = await this.#read(key);
      if (read.found) yield [key, read.value as T];
    }
  }

  async #read(key: string): Promise<{ found: boolean; value: unknown }> {
    const redisKey = this.#keys.value(this.#namespace, key);
    this.#group.sendBefore(redisKey);
    try {
      return readValue(await this.#client.swbRead(redisKey));
    } catch (error) {
      this.#failed(error);
      throw stateError(error, `reading state of ${this.#namespace}`);
    }
  }
}

const ttl = (options: StateWriteOptions | undefined): { ttlMs?: number } =>
  options?.ttlMs === undefined ? {} : { ttlMs: options.ttlMs };

/** Code-unit order, as the other backends give keys. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
