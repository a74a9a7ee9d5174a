/** Interactions remembered at once; the one that ended longest ago is forgotten past this. */
const defaultMaxInteractions = 10_000;

/**
 * The interactions whose end was already announced. SAPI sends `InteractionDeleted` once per leg (a
 * transferred or conferenced call has several, all with the same `interactionGUID`), but a call ends
 * once: only the first leg's is `call.ended`. Bounded; kept for the life of the subscriber.
 */
export class EndedInteractions {
  readonly #ended = new Set<string>();
  readonly #max: number;

  constructor(max = defaultMaxInteractions) {
    this.#max = max;
  }

  /** True the first time `interactionGUID` ends (and remembers it); false for its later legs. */
  first(interactionGUID: string): boolean {
    if (this.#ended.has(interactionGUID)) return false;
    this.#ended.add(interactionGUID);
    if (this.#ended.size > this.#max) this.#ended.delete(this.#ended.values().next().value as string);
    return true;
  }
}

/** What a live subscription remembers across events while mapping them. */
export interface SapiMappingState {
  readonly endedInteractions?: EndedInteractions;
}
