import { randomUUID } from 'node:crypto';
import type { StateStore } from '@switchboard/core';
import { ManualClock } from '@switchboard/core/host';
import { Redis } from 'ioredis';
import { RedisStateBackend, type RedisStateOptions } from '../src/index.js';

/** A key prefix no other test uses (tests of a file share one redis-server). */
export const freshPrefix = (): string => `t-${randomUUID().slice(0, 8)}`;

/** A backend on `url`, opened. */
export async function openBackend(
  url: string,
  options: Partial<RedisStateOptions> = {},
): Promise<RedisStateBackend> {
  const backend = new RedisStateBackend({ url, prefix: freshPrefix(), ...options });
  await backend.open();
  return backend;
}

/** A plain client to look at what the backend wrote, as an operator's redis-cli would. */
export function inspector(url: string): Redis {
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined); // Tests stop Redis on purpose; its reconnection errors say nothing new.
  return client;
}

/**
 * The conformance suite moves a `ManualClock`; Redis expires keys on its own clock. This clock starts a
 * day ahead of real time, so every `PXAT` the backend writes lies beyond the test's real duration and
 * Redis never expires a key by itself here; `advance` then does what Redis does when its time reaches an
 * expiry: it deletes the keys (of this prefix) whose `PEXPIRETIME` is now due. The store's calls wait for
 * that to finish, so reads after `advance` see Redis as it would be at the new time.
 */
export class RedisTimeClock extends ManualClock {
  #settled: Promise<void> = Promise.resolve();
  readonly #client: Redis;
  readonly #pattern: string;

  constructor(client: Redis, prefix: string) {
    super(Date.now() + 24 * 3600_000);
    this.#client = client;
    this.#pattern = `${prefix}:*`;
  }

  override advance(ms: number): void {
    super.advance(ms);
    const now = this.now();
    this.#settled = this.#settled.then(() => this.#expireDue(now));
  }

  settled(): Promise<void> {
    return this.#settled;
  }

  async #expireDue(now: number): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.#client.scan(cursor, 'MATCH', this.#pattern, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const at = Number(await this.#client.call('PEXPIRETIME', key));
        if (at > 0 && at <= now) await this.#client.del(key);
      }
    } while (cursor !== '0');
  }
}

/** `store` whose every call first waits for the clock's pending expiries. */
export function afterClock(store: StateStore, clock: RedisTimeClock): StateStore {
  const later =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await clock.settled();
      return call(...args);
    };
  return {
    get: later((k: string) => store.get(k)),
    set: later(store.set.bind(store)),
    setIfAbsent: later(store.setIfAbsent.bind(store)),
    delete: later(store.delete.bind(store)),
    merge: later(store.merge.bind(store)),
    batch: later(store.batch.bind(store)),
    async *scan<T>(p: string): AsyncIterable<readonly [string, T]> {
      await clock.settled();
      yield* store.scan<T>(p);
    },
  };
}
