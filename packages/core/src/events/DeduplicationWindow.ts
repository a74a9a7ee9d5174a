import type { Clock } from '../runtime/Clock.js';

export interface DeduplicationOptions {
  /** Seconds an event id is remembered at least (at most twice as long). */
  readonly windowSeconds: number;
  /** Most ids remembered at once. */
  readonly maxIds: number;
}

export const defaultDeduplicationOptions: DeduplicationOptions = { windowSeconds: 3 * 3600, maxIds: 500_000 };

/**
 * Remembers event ids for a while, so the same vendor event delivered twice fires its rules once.
 * Two generations of ids: the current one takes new ids; every window (or when it holds half of
 * `maxIds`) it becomes the previous one and the old previous is dropped. So an id is remembered for at
 * least the window (unless `maxIds` is reached first) and memory stays bounded, with two Set operations
 * per event.
 */
export class DeduplicationWindow {
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #halfMax: number;
  #current = new Set<string>();
  #previous = new Set<string>();
  #rotatedAt: number;

  constructor(clock: Clock, options: Partial<DeduplicationOptions> = {}) {
    const o = { ...defaultDeduplicationOptions, ...options };
    this.#clock = clock;
    this.#windowMs = o.windowSeconds * 1000;
    this.#halfMax = Math.max(1, Math.floor(o.maxIds / 2));
    this.#rotatedAt = clock.now();
  }

  /** True the first time an id is seen within the window, false for a repeat. */
  firstSeen(id: string): boolean {
    if (this.#current.has(id) || this.#previous.has(id)) return false;
    const now = this.#clock.now();
    if (now - this.#rotatedAt >= this.#windowMs || this.#current.size >= this.#halfMax) {
      this.#previous = this.#current;
      this.#current = new Set();
      this.#rotatedAt = now;
    }
    this.#current.add(id);
    return true;
  }

  /** Forgets an id (its event could not be recorded: the vendor's next delivery must not count as a repeat). */
  forget(id: string): void {
    this.#current.delete(id);
    this.#previous.delete(id);
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }
}
