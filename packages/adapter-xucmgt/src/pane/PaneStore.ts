import { randomUUID } from 'node:crypto';
import type { Clock } from '@switchboard/core';
import { LRUCache } from 'lru-cache';

/** What the built-in pane page shows for one call. */
export interface PaneContent {
  readonly title: string;
  readonly caller?: string;
  readonly callerName?: string;
  readonly queue?: string;
  readonly record?: unknown;
  readonly fields?: readonly string[];
}

interface StoredPane {
  readonly content: PaneContent;
  readonly expires: number;
}

/**
 * The content of built-in pane pages, each under an unguessable id, for `ttlMs`; expired pages are
 * dropped as new ones come (they may hold CRM records). Bounded: when full, the oldest pages go first.
 */
export class PaneStore {
  // Read with `peek` only, so the cache's order stays the order pages were added, which (one TTL for
  // all) is the order they expire in. The deadline is kept here: it is exact to the ms on any clock.
  readonly #pages: LRUCache<string, StoredPane>;
  readonly #clock: Clock;
  readonly #ttlMs: number;

  constructor(clock: Clock, ttlMs: number, max = 10_000) {
    this.#pages = new LRUCache({ max });
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  add(content: PaneContent): string {
    this.#dropExpired();
    const id = randomUUID();
    this.#pages.set(id, { content, expires: this.#clock.now() + this.#ttlMs });
    return id;
  }

  get(id: string): PaneContent | undefined {
    const page = this.#pages.peek(id);
    if (page === undefined) return undefined;
    if (page.expires > this.#clock.now()) return page.content;
    this.#pages.delete(id);
    return undefined;
  }

  get size(): number {
    return this.#pages.size;
  }

  #dropExpired(): void {
    const now = this.#clock.now();
    const expired: string[] = [];
    // Oldest first; the first page still valid ends the walk.
    for (const id of this.#pages.rkeys()) {
      if ((this.#pages.peek(id)?.expires ?? 0) > now) break;
      expired.push(id);
    }
    for (const id of expired) this.#pages.delete(id);
  }
}
