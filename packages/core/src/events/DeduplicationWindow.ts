import type { Clock } from '../runtime/Clock.js';

export interface DeduplicationOptions {
  /** Seconds an event id is remembered (at least half of it, at most all of it). */
  readonly windowSeconds: number;
  /** Most ids remembered at once. */
  readonly maxIds: number;
}

export const defaultDeduplicationOptions: DeduplicationOptions = { windowSeconds: 3 * 3600, maxIds: 500_000 };

/**
 * Remembers event ids for a while, so the same vendor event delivered twice fires its rules once.
 * Two generations of ids: the current one takes new ids; every half window (or when it holds half of
 * `maxIds`) it becomes the previous one and the old previous is dropped. So an id is remembered for at
 * least half the window and memory stays bounded, with two Set operations per event.
 */
export class DeduplicationWindow {
  readonly #clock: Clock;
  readonly #halfWindowMs: number;
  readonly #halfMax: number;
  #current = new Set<string>();
  #previous = new Set<string>();
  #rotatedAt: number;

  constructor(clock: Clock, options: Partial<DeduplicationOptions> = {}) {
    const o = { ...defaultDeduplicationOptions, ...options };
    this.#clock = clock;
    this.#halfWindowMs = (o.windowSeconds * 1000) / 2;
    this.#halfMax = Math.max(1, Math.floor(o.maxIds / 2));
    this.#rotatedAt = clock.now();
  }

  /** True the first time an id is seen within the window, false for a repeat. */
  firstSeen(id: string): boolean {
    if (this.#current.has(id) || this.#previous.has(id)) return false;
    const now = this.#clock.now();
    if (now - this.#rotatedAt >= this.#halfWindowMs || this.#current.size >= this.#halfMax) {
      this.#previous = this.#current;
      this.#current = new Set();
      this.#rotatedAt = now;
    }
    this.#current.add(id);
    return true;
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }
}
