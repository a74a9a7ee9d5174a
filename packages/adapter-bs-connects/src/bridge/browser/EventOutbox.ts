import type { OutboxEntry, OutboxReport } from './browserTypes.js';

/**
 * Events raised while they cannot be delivered, kept in order. Bounded by count and age: what falls out
 * is counted and reported to the daemon once it is back. Runs in the browser (self-contained).
 */
export class EventOutbox {
  readonly #maxEvents: number;
  readonly #maxAgeMs: number;
  #items: OutboxEntry[] = [];
  #dropped = 0;
  #reasons = new Set<string>();

  constructor(maxEvents: number, maxAgeMs: number) {
    this.#maxEvents = maxEvents;
    this.#maxAgeMs = maxAgeMs;
  }

  get size(): number {
    return this.#items.length;
  }

  push(entry: OutboxEntry): void {
    this.#items.push(entry);
    while (this.#items.length > this.#maxEvents) {
      this.#items.shift();
      this.#drop(`more than ${this.#maxEvents} events waiting`);
    }
  }

  /** The oldest event still worth sending; older ones are dropped first. */
  peek(now: number): OutboxEntry | undefined {
    for (;;) {
      const head = this.#items[0];
      if (head === undefined || now - head.at <= this.#maxAgeMs) return head;
      this.#items.shift();
      this.#drop(`older than ${Math.round(this.#maxAgeMs / 1000)} s when the daemon was back`);
    }
  }

  /** Removes the event `peek` returned, once delivered. */
  remove(id: string): void {
    if (this.#items[0]?.id === id) this.#items.shift();
    else this.#items = this.#items.filter((item) => item.id !== id);
  }

  /** Forgets every waiting event without reporting it (the tab turned out not to be the primary one). */
  clear(): void {
    this.#items = [];
  }

  /** What was dropped since the last report, and resets the count; undefined when nothing was. */
  takeReport(): OutboxReport | undefined {
    if (this.#dropped === 0) return undefined;
    const report = { dropped: this.#dropped, reason: [...this.#reasons].join('; ') };
    this.#dropped = 0;
    this.#reasons = new Set();
    return report;
  }

  #drop(reason: string): void {
    this.#dropped += 1;
    this.#reasons.add(reason);
  }
}
