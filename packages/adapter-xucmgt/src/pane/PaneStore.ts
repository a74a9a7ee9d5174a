import { randomUUID } from 'node:crypto';
import type { StateStore } from '@switchboard/core';

/** What the built-in pane page shows for one call. */
export interface PaneContent {
  readonly title: string;
  readonly caller?: string;
  readonly callerName?: string;
  readonly queue?: string;
  readonly record?: unknown;
  readonly fields?: readonly string[];
}

/** A random UUID as `randomUUID` makes them: what a page id can be (anything else is no page). */
const pageId = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The content of built-in pane pages, each under an unguessable id, for `ttlMs`, in the instance's
 * durable state (`xu.pane/<id>`): a pane link the agent app holds keeps working across a restart of the
 * daemon (and, on a shared store, on any node). The store drops a page when its TTL passes (it may hold a
 * CRM record).
 */
export class PaneStore {
  readonly #store: StateStore;
  readonly #ttlMs: number;

  constructor(store: StateStore, ttlMs: number) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  /** Keeps the page; resolves with its id once it is durably stored, so its link works at once. */
  async add(content: PaneContent): Promise<string> {
    const id = randomUUID();
    await this.#store.set(keyOf(id), content, { ttlMs: this.#ttlMs });
    return id;
  }

  async get(id: string): Promise<PaneContent | undefined> {
    if (!pageId.test(id)) return undefined;
    return this.#store.get<PaneContent>(keyOf(id));
  }
}

const keyOf = (id: string): string => `xu.pane/${id}`;
