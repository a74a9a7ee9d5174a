import type { Clock } from '../runtime/Clock.js';

export interface WarmBufferOptions<T> {
  /** How long an event may be held: older ones are dropped (the holder had long handled them). */
  readonly windowMs: number;
  /** Most events held at once; the oldest goes first beyond it. */
  readonly max: number;
  /** Told of the events dropped unrun. */
  readonly dropped: (items: readonly T[]) => void;
}

export const defaultWarmWindowMs = 10_000;
export const defaultWarmBufferMax = 10_000;

/**
 * What a warm standby holds back while another node holds the vendor connection: events in arrival order,
 * each for at most `windowMs` on the runtime's clock. On takeover `take` hands over what is still young, in
 * the order it came; the shared event ledger then drops those the old holder had already recorded. A plain
 * FIFO on the injected clock rather than an LRU cache: order is arrival order, never use order, and tests
 * move time by hand.
 */
export class WarmBuffer<T> {
  readonly #clock: Clock;
  readonly #options: WarmBufferOptions<T>;
  #items: { readonly at: number; readonly item: T }[] = [];

  constructor(clock: Clock, options: WarmBufferOptions<T>) {
    this.#clock = clock;
    this.#options = options;
  }

  get size(): number {
    return this.#items.length;
  }

  hold(item: T): void {
    this.#trim();
    this.#items.push({ at: this.#clock.now(), item });
    if (this.#items.length > this.#options.max) {
      const first = this.#items.shift();
      if (first) this.#options.dropped([first.item]);
    }
  }

  /** What is still inside the window, oldest first; stays held until `remove` (once it was handed on). */
  peek(): T[] {
    this.#trim();
    return this.#items.map((held) => held.item);
  }

  /** Lets go of the `count` oldest events (handed on). */
  remove(count: number): void {
    this.#items = this.#items.slice(count);
  }

  /** Drops everything held, counted as dropped. */
  clear(): void {
    const items = this.#items.map((held) => held.item);
    this.#items = [];
    if (items.length > 0) this.#options.dropped(items);
  }

  #trim(): void {
    const oldest = this.#clock.now() - this.#options.windowMs;
    let stale = 0;
    while (stale < this.#items.length && (this.#items[stale]?.at ?? 0) < oldest) stale += 1;
    if (stale === 0) return;
    const dropped = this.#items.slice(0, stale).map((held) => held.item);
    this.#items = this.#items.slice(stale);
    this.#options.dropped(dropped);
  }
}
