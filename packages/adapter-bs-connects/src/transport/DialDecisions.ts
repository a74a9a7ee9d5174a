import { injectable } from '@switchboard/core';

type Decision =
  | { readonly state: 'pending' }
  | { readonly state: 'handled'; readonly rule: string }
  | { readonly state: 'dialed-original' };

/** How many `beforeDial` decisions are remembered (a few minutes of dials of a large center). */
const remembered = 2000;

/**
 * What became of each `beforeDial` (`dial.requested` event id): still waiting, dialed by a rule, or
 * dialed with the original number by the bridge. The `dial` action reads it so a dial is never placed
 * twice: not by a second rule, not after the bridge gave up waiting.
 */
@injectable()
export class DialDecisions {
  readonly #decisions = new Map<string, Decision>();

  pending(eventId: string): void {
    this.#set(eventId, { state: 'pending' });
  }

  handled(eventId: string, rule: string): void {
    this.#set(eventId, { state: 'handled', rule });
  }

  dialedOriginal(eventId: string): void {
    this.#set(eventId, { state: 'dialed-original' });
  }

  /** True when the event is a `beforeDial` this instance is deciding or has decided. */
  knows(eventId: string): boolean {
    return this.#decisions.has(eventId);
  }

  /** Why a dial for this event must not be placed (it was decided otherwise). */
  describe(eventId: string, timeoutMs: number): string {
    const decision = this.#decisions.get(eventId);
    if (decision?.state === 'handled') return `rule \`${decision.rule}\` already dialed for this beforeDial`;
    if (decision?.state === 'dialed-original')
      return `too late: no rule dialed within ${timeoutMs} ms, so the bridge dialed the original number`;
    return 'this beforeDial is already decided';
  }

  #set(eventId: string, decision: Decision): void {
    this.#decisions.delete(eventId);
    this.#decisions.set(eventId, decision);
    if (this.#decisions.size > remembered) {
      const oldest = this.#decisions.keys().next().value;
      if (oldest !== undefined) this.#decisions.delete(oldest);
    }
  }
}
