import type { Clock } from '@switchboard/core';
import { LRUCache } from 'lru-cache';

interface Entry<T> {
  readonly reply: Promise<T>;
  /** Infinity while the first POST is still being answered; then `windowMs` after its answer. */
  expires: number;
}

/**
 * Replies of recent POSTs by `repeatKey`, kept for `windowMs` after they were answered: a repeated
 * POST waits for (or gets at once) the first one's reply instead of running the rules again. Expired
 * replies are dropped at the next POST (a reply may carry a user's token). Bounded: when full, the
 * least recently used go first.
 */
export class RecentAnswers<T> {
  // The window is kept per entry rather than as the cache's `ttl`: it starts when the answer is known,
  // not when the entry is made, and it is exact to the ms on any clock.
  readonly #entries: LRUCache<string, Entry<T>>;
  readonly #clock: Clock;
  readonly #windowMs: number;

  constructor(clock: Clock, windowMs: number, max = 5000) {
    this.#entries = new LRUCache({ max });
    this.#clock = clock;
    this.#windowMs = windowMs;
  }

  /**
   * The reply of the first POST with this key within the window (`repeated`), else runs `work`. Without
   * a key (a POST whose answer must not be shared) it always runs `work`, and keeps nothing.
   */
  async once(key: string | undefined, work: () => Promise<T>): Promise<{ reply: T; repeated: boolean }> {
    if (key === undefined || this.#windowMs <= 0) return { reply: await work(), repeated: false };
    this.#dropExpired();
    const known = this.#entries.get(key);
    if (known) return { reply: await known.reply, repeated: true };
    const entry: Entry<T> = { reply: work(), expires: Number.POSITIVE_INFINITY };
    this.#entries.set(key, entry);
    try {
      return { reply: await entry.reply, repeated: false };
    } catch (error) {
      if (this.#entries.peek(key) === entry) this.#entries.delete(key);
      throw error;
    } finally {
      entry.expires = this.#clock.now() + this.#windowMs;
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #dropExpired(): void {
    const now = this.#clock.now();
    const expired = [...this.#entries.entries()].filter(([, entry]) => entry.expires <= now);
    for (const [key] of expired) this.#entries.delete(key);
  }
}
