import { LRUCache } from 'lru-cache';

/** Interactions remembered at once; the one that ended longest ago is forgotten past this. */
const defaultMaxInteractions = 10_000;

/**
 * The interactions whose end was already announced. SAPI sends `InteractionDeleted` once per leg (a
 * transferred or conferenced call has several, all with the same `interactionGUID`), but a call ends
 * once: only the first leg's is `call.ended`. Bounded; kept for the life of the instance.
 */
export class EndedInteractions {
  readonly #ended: LRUCache<string, true>;

  constructor(max = defaultMaxInteractions) {
    this.#ended = new LRUCache({ max });
  }

  /** True the first time `interactionGUID` ends (and remembers it); false for its later legs. */
  first(interactionGUID: string): boolean {
    if (this.#ended.has(interactionGUID)) return false;
    this.#ended.set(interactionGUID, true);
    return true;
  }
}

/** What a live subscription remembers across events while mapping them. */
export interface SapiMappingState {
  readonly endedInteractions?: EndedInteractions;
}
