import { randomUUID } from 'node:crypto';
import type { Clock } from '@switchboard/core';

/** What the built-in pane page shows for one call. */
export interface PaneContent {
  readonly title: string;
  readonly caller?: string;
  readonly callerName?: string;
  readonly queue?: string;
  readonly record?: unknown;
  readonly fields?: readonly string[];
}

/**
 * The content of built-in pane pages, each under an unguessable id, for `ttlMs`. Bounded: when full,
 * the oldest pages go first.
 */
export class PaneStore {
  readonly #entries = new Map<string, { content: PaneContent; expires: number }>();
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(clock: Clock, ttlMs: number, max = 10_000) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  add(content: PaneContent): string {
    this.#sweep();
    const id = randomUUID();
    this.#entries.set(id, { content, expires: this.#clock.now() + this.#ttlMs });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return id;
  }

  get(id: string): PaneContent | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.#clock.now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.content;
  }

  get size(): number {
    return this.#entries.size;
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [id, entry] of this.#entries) {
      if (entry.expires > now) break; // insertion order = expiry order
      this.#entries.delete(id);
    }
  }
}
