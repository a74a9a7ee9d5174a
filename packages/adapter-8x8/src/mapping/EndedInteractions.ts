import type { StateStore } from '@switchboard/core';
import { LRUCache } from 'lru-cache';
import { stateKeyPart } from './stateKeyPart.js';

/** Interactions remembered at once; the one that ended longest ago is forgotten past this. */
const defaultMaxInteractions = 10_000;
/** Where an ended interaction is kept in the instance's state: `sapi.ended/<interactionGUID>`. */
export const endedKeyPrefix = 'sapi.ended/';
/** How long an ended interaction is kept: its later legs come within minutes, a replay within 2 hours. */
export const endedTtlMs = 4 * 3_600_000;

/**
 * The interactions whose end was already announced. SAPI sends `InteractionDeleted` once per leg (a
 * transferred or conferenced call has several, all with the same `interactionGUID`), but a call ends
 * once: only the first leg's is `call.ended`. Bounded in memory; with a store, each end is also kept
 * there for 4 hours once its event is recorded (`take`, then `persist`), and `load` reads them back, so
 * a later leg after a restart of the daemon is still not a second end.
 */
export class EndedInteractions {
  readonly #ended: LRUCache<string, true>;
  readonly #store: StateStore | undefined;
  /** Ends noted since the last `persist`. */
  #fresh: string[] = [];

  constructor(max = defaultMaxInteractions, store?: StateStore) {
    this.#ended = new LRUCache({ max });
    this.#store = store;
  }

  /** Reads the ends kept in the store (start-up only). */
  async load(): Promise<void> {
    if (!this.#store) return;
    for await (const [key] of this.#store.scan(endedKeyPrefix)) this.#ended.set(key, true);
  }

  /** True the first time `interactionGUID` ends (and remembers it); false for its later legs. */
  first(interactionGUID: string): boolean {
    const key = `${endedKeyPrefix}${stateKeyPart(interactionGUID)}`;
    if (this.#ended.has(key)) return false;
    this.#ended.set(key, true);
    if (this.#store) this.#fresh.push(key);
    return true;
  }

  /** The ends noted since the last call, to `persist` once their events are recorded, or to `forget`. */
  take(): readonly string[] {
    const fresh = this.#fresh;
    this.#fresh = [];
    return fresh;
  }

  /** Keeps ends in the store, once core recorded the events they were mapped for. */
  async persist(keys: readonly string[]): Promise<void> {
    if (!this.#store || keys.length === 0) return;
    await this.#store.batch(keys.map((key) => ({ op: 'set', key, value: true, ttlMs: endedTtlMs })));
  }

  /** Drops ends whose events core could not record: they come again with SAPI's replay. */
  forget(keys: readonly string[]): void {
    for (const key of keys) this.#ended.delete(key);
  }
}

/** What a live subscription remembers across events while mapping them. */
export interface SapiMappingState {
  readonly endedInteractions?: EndedInteractions;
}
