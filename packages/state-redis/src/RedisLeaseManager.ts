import { performance } from 'node:perf_hooks';
import { SwitchboardError } from '@switchboard/core';
import type { Lease, LeaseManager } from '@switchboard/core/host';
import type { SwitchboardRedis } from './redisClient.js';
import type { RedisKeys } from './redisKeys.js';

export interface LeaseTiming {
  /** How long a lease lives in Redis without a renewal (ms, default 3000). */
  readonly ttlMs: number;
  /** How often the holder renews (ms, default 1000); standbys try to take it every half of that ± 20 %. */
  readonly renewEveryMs: number;
}

const defaults: LeaseTiming = { ttlMs: 3000, renewEveryMs: 1000 };

/**
 * Leases in Redis: one node holds each `<instance>/<connection>`, the others poll to take it over. Taking
 * a lease draws a fence from a counter (one Lua script: free? → `INCR` fence, `SET lease node/fence PX
 * ttl`), so each new holder's fence is higher. The holder renews every `renewEveryMs` (`PEXPIRE` only
 * while the value is still ours) and gives the lease up by itself — `lost` aborts — when no renewal has
 * succeeded for `ttlMs − renewEveryMs`, measured on the local monotonic clock from the moment the last
 * successful renewal was *sent*: the lease is then still alive in Redis for at least `renewEveryMs`, so
 * the holder has stopped before any other node can take it.
 */
export class RedisLeaseManager implements LeaseManager {
  readonly timing: LeaseTiming;
  readonly #client: SwitchboardRedis;
  readonly #keys: RedisKeys;
  readonly #node: string;
  readonly #held = new Set<HeldLease>();

  constructor(client: SwitchboardRedis, keys: RedisKeys, node: string, timing: Partial<LeaseTiming> = {}) {
    this.timing = { ...defaults, ...timing };
    if (!(this.timing.renewEveryMs > 0 && this.timing.renewEveryMs < this.timing.ttlMs)) {
      throw new SwitchboardError(
        'SWB_CONFIG',
        `lease renewEveryMs (${this.timing.renewEveryMs}) must be above 0 and below ttlMs (${this.timing.ttlMs})`,
      );
    }
    this.#client = client;
    this.#keys = keys;
    this.#node = node;
  }

  /** Resolves once this node holds `resource`; Redis being away only makes it keep trying. */
  async acquire(resource: string, signal: AbortSignal): Promise<Lease> {
    const lease = this.#keys.lease(resource);
    const fenceKey = this.#keys.fence(resource);
    for (;;) {
      signal.throwIfAborted();
      const sentAt = performance.now();
      let fence = 0;
      try {
        fence = Number(await this.#client.swbLeaseAcquire(lease, fenceKey, this.#node, this.timing.ttlMs));
      } catch {
        // Redis unreachable or slow: no lease; try again at the next poll.
      }
      if (fence > 0) {
        const held = new HeldLease(this, resource, lease, `${this.#node}/${fence}`, fence, sentAt);
        if (signal.aborted) {
          await held.release();
          signal.throwIfAborted();
        }
        this.#held.add(held);
        return held;
      }
      await pause(this.#pollDelay(), signal);
    }
  }

  /** Gives up every lease this manager holds (shutdown). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.#held].map((held) => held.release()));
  }

  /** @internal */
  get client(): SwitchboardRedis {
    return this.#client;
  }

  /** @internal */
  forget(held: HeldLease): void {
    this.#held.delete(held);
  }

  /** `renewEveryMs / 2` ± 20 %, so standbys do not all ask at the same moment. */
  #pollDelay(): number {
    return (this.timing.renewEveryMs / 2) * (0.8 + Math.random() * 0.4);
  }
}

/** A lease this node holds, renewing itself until released or lost. */
class HeldLease implements Lease {
  readonly resource: string;
  readonly fence: number;
  readonly #manager: RedisLeaseManager;
  readonly #key: string;
  readonly #value: string;
  readonly #lost = new AbortController();
  readonly #renewTimer: NodeJS.Timeout;
  #deadline: NodeJS.Timeout | undefined;
  /** Monotonic ms the last successful renewal (or the acquire) was sent at. */
  #lastRenewSent: number;
  #over = false;

  constructor(
    manager: RedisLeaseManager,
    resource: string,
    key: string,
    value: string,
    fence: number,
    sentAt: number,
  ) {
    this.#manager = manager;
    this.resource = resource;
    this.fence = fence;
    this.#key = key;
    this.#value = value;
    this.#lastRenewSent = sentAt;
    this.#renewTimer = setInterval(() => void this.#renew(), manager.timing.renewEveryMs);
    this.#renewTimer.unref();
    this.#armDeadline();
  }

  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  /** Stops renewing and deletes the lease in Redis if it is still ours (the next holder need not wait). */
  async release(): Promise<void> {
    if (this.#over) return;
    this.#stop();
    try {
      await this.#manager.client.swbLeaseRelease(this.#key, this.#value);
    } catch {
      // Redis away: the lease expires by itself within its TTL.
    }
  }

  async #renew(): Promise<void> {
    const sentAt = performance.now();
    let renewed: number;
    try {
      renewed = Number(
        await this.#manager.client.swbLeaseRenew(this.#key, this.#value, this.#manager.timing.ttlMs),
      );
    } catch {
      return; // Unknown outcome: the deadline decides.
    }
    if (this.#over) return;
    if (renewed === 1) {
      this.#lastRenewSent = Math.max(this.#lastRenewSent, sentAt);
      this.#armDeadline();
    } else {
      this.#lose(`the lease ${this.resource} (fence ${this.fence}) was taken by another node or expired`);
    }
  }

  /** Self-fencing: lost `ttlMs − renewEveryMs` after the last successful renewal was sent. */
  #armDeadline(): void {
    const { ttlMs, renewEveryMs } = this.#manager.timing;
    const left = this.#lastRenewSent + (ttlMs - renewEveryMs) - performance.now();
    clearTimeout(this.#deadline);
    this.#deadline = setTimeout(
      () =>
        this.#lose(
          `the lease ${this.resource} (fence ${this.fence}) could not be renewed for ${ttlMs - renewEveryMs} ms: given up before another node can take it`,
        ),
      Math.max(0, left),
    );
    this.#deadline.unref();
  }

  #lose(reason: string): void {
    if (this.#over) return;
    this.#stop();
    this.#lost.abort(new SwitchboardError('SWB_LEASE_LOST', reason));
  }

  #stop(): void {
    this.#over = true;
    clearInterval(this.#renewTimer);
    clearTimeout(this.#deadline);
    this.#manager.forget(this);
  }
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
