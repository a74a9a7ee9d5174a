import type { Clock } from '@switchboard/core';

/**
 * Replies of recent POSTs by `repeatKey`, kept for `windowMs` after they were answered: a repeated
 * POST waits for (or gets at once) the first one's reply instead of running the rules again. Bounded:
 * when full, the oldest entries go first.
 */
export class RecentAnswers<T> {
  readonly #entries = new Map<string, { readonly reply: Promise<T>; expires: number }>();
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #max: number;

  constructor(clock: Clock, windowMs: number, max = 5000) {
    this.#clock = clock;
    this.#windowMs = windowMs;
    this.#max = max;
  }

  /**
   * The reply of the first POST with this key within the window (`repeated`), else runs `work`. Without
   * a key (a POST whose answer must not be shared) it always runs `work`, and keeps nothing.
   */
  async once(key: string | undefined, work: () => Promise<T>): Promise<{ reply: T; repeated: boolean }> {
    if (key === undefined || this.#windowMs <= 0) return { reply: await work(), repeated: false };
    this.#sweep();
    const known = this.#entries.get(key);
    if (known) return { reply: await known.reply, repeated: true };
    const entry = { reply: work(), expires: Number.POSITIVE_INFINITY };
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    try {
      return { reply: await entry.reply, repeated: false };
    } catch (error) {
      this.#entries.delete(key);
      throw error;
    } finally {
      entry.expires = this.#clock.now() + this.#windowMs;
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
  }
}
