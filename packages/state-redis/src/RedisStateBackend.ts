import { hostname } from 'node:os';
import type { Clock } from '@switchboard/core';
import { describeError, SwitchboardError } from '@switchboard/core';
import { type StateBackend, type StateOpening, systemClock } from '@switchboard/core/host';
import { RedisGroupCommit } from './RedisGroupCommit.js';
import { type LeaseTiming, RedisLeaseManager } from './RedisLeaseManager.js';
import { RedisStateStore } from './RedisStateStore.js';
import { createRedisClient, type RedisConnectionOptions, type SwitchboardRedis } from './redisClient.js';
import { RedisKeys } from './redisKeys.js';

export interface RedisStateOptions extends RedisConnectionOptions {
  /** Starts every key, so several deployments can share one Redis (default `swb`). */
  readonly prefix?: string;
  /** This daemon's name among the nodes (default `<hostname>-<pid>`): in lease values and fences. */
  readonly node?: string;
  /** What TTLs are measured on (default the system clock; tests move a `ManualClock`). */
  readonly clock?: Clock;
}

/** Whether Redis answers, as readiness wants to know. */
export interface RedisHealth {
  readonly up: boolean;
  /** Why it is down (the last connection error), while it is. */
  readonly detail?: string;
}

/** How often a Redis that stopped answering is asked again (ms). */
const probeEveryMs = 500;

/**
 * The daemon's state in Redis, shared by every node of a deployment: the event ledger, call vars, action
 * markers and adapters' state, plus the leases that decide which node holds each vendor connection
 * (`leases()`). Nothing is queued while Redis is away: each call fails at once with
 * `SWB_STATE_UNAVAILABLE`, `health` turns down (listeners told), and up again once Redis answers.
 */
export class RedisStateBackend implements StateBackend {
  readonly durable = true;
  readonly node: string;
  readonly #client: SwitchboardRedis;
  readonly #keys: RedisKeys;
  readonly #clock: Clock;
  readonly #namespaces = new Map<string, RedisStateStore>();
  readonly #listeners = new Set<(up: boolean) => void>();
  readonly #leaseManagers: RedisLeaseManager[] = [];
  readonly #group: RedisGroupCommit;
  #health: RedisHealth = { up: false, detail: 'not connected yet' };
  #closed = false;
  #probe: NodeJS.Timeout | undefined;

  constructor(options: RedisStateOptions) {
    this.node = options.node ?? `${hostname()}-${process.pid}`;
    this.#keys = new RedisKeys(options.prefix ?? 'swb');
    this.#clock = options.clock ?? systemClock;
    this.#client = createRedisClient(options);
    const client = this.#client;
    this.#group = new RedisGroupCommit((keys, args) => client.swbBatch(keys.length, ...keys, ...args));
    this.#client.on('ready', () => this.#setHealth({ up: true }));
    this.#client.on('error', (error: Error) => this.#setHealth({ up: false, detail: describeError(error) }));
    this.#client.on('close', () =>
      this.#setHealth({ up: false, detail: this.#health.detail ?? 'connection closed' }),
    );
  }

  /**
   * Connects and checks Redis answers; fails with `SWB_STATE_UNAVAILABLE` (and stops retrying) if not.
   * `fresh` when no daemon of this deployment (`prefix`) used this Redis before, or Redis lost its data.
   */
  async open(): Promise<StateOpening> {
    let created: string | null;
    try {
      await this.#client.connect();
      await this.ping();
      const meta = JSON.stringify({ format: 1, created: new Date(this.#clock.now()).toISOString() });
      created = await this.#client.set(this.#keys.meta, meta, 'NX');
    } catch (error) {
      this.#client.disconnect();
      throw new SwitchboardError(
        'SWB_STATE_UNAVAILABLE',
        `the Redis state store cannot be reached (${describeError(error)})`,
        { cause: error },
      );
    }
    return { fresh: created === 'OK' };
  }

  namespace(name: string): RedisStateStore {
    let store = this.#namespaces.get(name);
    if (!store) {
      store = new RedisStateStore(
        this.#client,
        this.#keys,
        name,
        this.#clock,
        this.node,
        this.#group,
        (error) => this.#failed(error),
      );
      this.#namespaces.set(name, store);
    }
    return store;
  }

  /**
   * The leases of this node (one manager per call; all share the connection): `ttlMs` (default 3000),
   * `renewEveryMs` (default 1000).
   */
  leases(timing: Partial<LeaseTiming> = {}): RedisLeaseManager {
    const manager = new RedisLeaseManager(this.#client, this.#keys, this.node, timing);
    this.#leaseManagers.push(manager);
    return manager;
  }

  get health(): RedisHealth {
    return this.#health;
  }

  /** Calls `listener` when Redis goes down or comes back; returns the unsubscribe. */
  onHealth(listener: (up: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One `PING` (readiness probes): resolves when Redis answers, else `SWB_STATE_UNAVAILABLE`. */
  async ping(): Promise<void> {
    try {
      await this.#client.ping();
      if (this.#client.status === 'ready') this.#setHealth({ up: true });
    } catch (error) {
      this.#failed(error);
      throw new SwitchboardError('SWB_STATE_UNAVAILABLE', `Redis does not answer (${describeError(error)})`, {
        cause: error,
      });
    }
  }

  /** The connection, for `redisRealtimeAdapter` (it duplicates it for its subscriber). */
  get client(): SwitchboardRedis {
    return this.#client;
  }

  /** Sends the writes queued for the next group commit and waits until Redis answered them. */
  async flush(): Promise<void> {
    await this.#group.settled();
  }

  /** Releases this node's leases, then closes the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#probe);
    await this.#group.settled();
    await Promise.all(this.#leaseManagers.map((m) => m.releaseAll()));
    this.#listeners.clear();
    try {
      if (this.#client.status === 'ready') await this.#client.quit();
      else this.#client.disconnect();
    } catch {
      this.#client.disconnect();
    }
  }

  /**
   * A command failed. A dropped connection is reported by ioredis itself; a command that got no answer
   * (a hung or overloaded Redis on a connection still open) is not: it counts as down here, and a PING
   * every `probeEveryMs` tells when Redis answers again.
   */
  #failed(error: unknown): void {
    if (this.#closed || !/timed out/i.test(describeError(error))) return;
    this.#setHealth({ up: false, detail: describeError(error) });
    if (this.#probe) return;
    this.#probe = setTimeout(() => {
      this.#probe = undefined;
      this.ping().catch(() => undefined);
    }, probeEveryMs);
    this.#probe.unref();
  }

  #setHealth(health: RedisHealth): void {
    const changed = health.up !== this.#health.up;
    this.#health = health;
    if (changed) for (const listener of this.#listeners) listener(health.up);
  }
}
