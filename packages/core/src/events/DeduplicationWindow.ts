import { LRUCache } from 'lru-cache';
import type { Clock } from '../runtime/Clock.js';

export interface DeduplicationOptions {
  /** Seconds an event id is remembered. */
  readonly windowSeconds: number;
  /** Most ids remembered at once. */
  readonly maxIds: number;
}

export const defaultDeduplicationOptions: DeduplicationOptions = { windowSeconds: 3 * 3600, maxIds: 500_000 };

/** Remembers event ids for a while, so the same vendor event delivered twice fires its rules once. */
export class DeduplicationWindow {
  readonly #seen: LRUCache<string, true>;

  constructor(clock: Clock, options: Partial<DeduplicationOptions> = {}) {
    const o = { ...defaultDeduplicationOptions, ...options };
    this.#seen = new LRUCache<string, true>({
      max: o.maxIds,
      ttl: o.windowSeconds * 1000,
      ttlResolution: 0,
      perf: { now: () => clock.now() },
    });
  }

  /** True the first time an id is seen within the window, false for a repeat. */
  firstSeen(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, true);
    return true;
  }
}
