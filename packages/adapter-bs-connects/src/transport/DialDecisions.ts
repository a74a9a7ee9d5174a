import { injectable } from '@switchboard/core';
import { LRUCache } from 'lru-cache';
import type { DialAttempt } from './bridgeProtocol.js';

/** What the tab that raised a `beforeDial` reported after dialing the number a rule chose. */
export interface DialReport extends DialAttempt {
  /** When the chosen number failed: the original number, dialed instead. */
  readonly fallback?: DialAttempt;
}

type Decision =
  | { readonly state: 'pending' }
  | { readonly state: 'decided'; readonly rule: string; readonly phoneNumber: string }
  | { readonly state: 'dialed-original'; readonly why: string }
  | { readonly state: 'reported'; readonly rule: string; readonly report: DialReport };

/** What became of one rule's `dial` for a `beforeDial`. */
export type DialResult =
  | { readonly kind: 'reported'; readonly report: DialReport }
  | { readonly kind: 'not-chosen'; readonly reason: string }
  | { readonly kind: 'no-report' };

/** How many `beforeDial` decisions are remembered (a few minutes of dials of a large center). */
const remembered = 2000;

/**
 * What became of each `beforeDial` (`dial.requested` event id): still waiting for the rules, a rule's
 * number chosen (the tab dials it), reported by the tab, or the original number dialed because no rule
 * chose one in time. The `dial` action waits here for the outcome of its own number, so a dial is
 * placed once, by the tab the agent dialed in, and a failure is reported to the rules.
 */
@injectable()
export class DialDecisions {
  readonly #waiters = new Map<string, Set<() => void>>();
  /** The latest decisions; a dial still waiting on one that is dropped learns it is no longer remembered. */
  readonly #decisions = new LRUCache<string, Decision>({
    max: remembered,
    disposeAfter: (_decision, eventId, reason) => {
      if (reason === 'evict') this.#notify(eventId);
    },
  });

  pending(eventId: string): void {
    this.#set(eventId, { state: 'pending' });
  }

  decided(eventId: string, rule: string, phoneNumber: string): void {
    this.#set(eventId, { state: 'decided', rule, phoneNumber });
  }

  /** No rule chose a number (`why`, e.g. the wait timed out): the bridge dials the original number. */
  dialedOriginal(eventId: string, why: string): void {
    this.#set(eventId, { state: 'dialed-original', why });
  }

  /** The tab's report of a decided dial; false when no dial of this event waits for one. */
  reported(eventId: string, report: DialReport): boolean {
    const decision = this.#decisions.peek(eventId);
    if (decision?.state !== 'decided') return false;
    this.#set(eventId, { state: 'reported', rule: decision.rule, report });
    return true;
  }

  /** True when the event is a `beforeDial` this instance is deciding or has decided. */
  knows(eventId: string): boolean {
    return this.#decisions.has(eventId);
  }

  /**
   * Waits until the `dial` of `rule` is known to be placed (the tab's report), not chosen (another
   * rule's number, or too late), or unreported within `timeoutMs`.
   */
  outcomeFor(eventId: string, rule: string, timeoutMs: number, signal?: AbortSignal): Promise<DialResult> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(eventId) ?? new Set<() => void>();
      this.#waiters.set(eventId, waiters);
      const done = (result: DialResult): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        waiters.delete(check);
        if (waiters.size === 0 && this.#waiters.get(eventId) === waiters) this.#waiters.delete(eventId);
        resolve(result);
      };
      const check = (): void => {
        const result = this.#resultFor(eventId, rule);
        if (result) done(result);
      };
      const onAbort = (): void => done({ kind: 'no-report' });
      const timer = setTimeout(onAbort, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.add(check);
      check();
    });
  }

  #resultFor(eventId: string, rule: string): DialResult | undefined {
    const decision = this.#decisions.peek(eventId);
    if (decision === undefined)
      return { kind: 'not-chosen', reason: 'this beforeDial is no longer remembered' };
    switch (decision.state) {
      case 'pending':
        return undefined;
      case 'dialed-original':
        return { kind: 'not-chosen', reason: `${decision.why}, so the bridge dialed the original number` };
      case 'decided':
        return decision.rule === rule ? undefined : this.#otherRule(decision.rule);
      case 'reported':
        return decision.rule === rule
          ? { kind: 'reported', report: decision.report }
          : this.#otherRule(decision.rule);
    }
  }

  #otherRule(rule: string): DialResult {
    return { kind: 'not-chosen', reason: `rule \`${rule}\` already dialed for this beforeDial` };
  }

  #set(eventId: string, decision: Decision): void {
    this.#decisions.set(eventId, decision);
    this.#notify(eventId);
  }

  #notify(eventId: string): void {
    for (const check of [...(this.#waiters.get(eventId) ?? [])]) check();
  }
}
