import type { Clock, StateStore } from '@switchboard/core';
import { LRUCache } from 'lru-cache';
import type { SapiMsgInfo } from './SapiEvent.js';

/** The last event seen from one SAPI server instance. */
export interface HighWaterMark {
  readonly sequenceId: number;
  readonly timestamp: number;
}

/** What the filter makes of an event's `msgInfo`. */
export type SequenceVerdict =
  | { readonly kind: 'new' }
  | { readonly kind: 'seen'; readonly mark: HighWaterMark }
  /** Values no real event carries: the event is not ordered by them, and they never become a mark. */
  | { readonly kind: 'unordered'; readonly reason: string };

/** The key of the instance's state (`ctx.state`) that holds the marks, written by core's `accept`. */
export const sequenceMarksKey = 'sapi.sequence';
/** Server instances remembered; the oldest is forgotten past this. */
const maxInstances = 64;
/** How far ahead of this daemon's clock a publish time may be: clock skew, not a date in the future. */
export const maxFutureSkewMs = 10 * 60_000;

/** Why `msgInfo` cannot order events (a mark from it would hide later events), if it cannot. */
export function markProblem(mark: HighWaterMark, now: number): string | undefined {
  const { sequenceId, timestamp } = mark;
  if (!Number.isSafeInteger(sequenceId) || sequenceId < 0)
    return `sequenceId ${String(sequenceId)} is not a sequence number`;
  if (!Number.isFinite(timestamp) || timestamp < 0) return `timestamp ${String(timestamp)} is not a time`;
  if (timestamp > now + maxFutureSkewMs)
    return `timestamp ${String(timestamp)} is more than ${maxFutureSkewMs / 60_000} minutes ahead of this clock`;
  return undefined;
}

/**
 * De-duplicates SAPI events by `msgInfo.sequenceId` per `msgInfo.instanceId`: an event at or below the
 * instance's high-water mark (sequence and publish time) was seen already (a replay after
 * reconnecting, or a repeat) and is skipped. A new server instance has its own `instanceId`, so its
 * own count. A lower sequence with a newer publish time from the same instance means it restarted its
 * count: that is new, and becomes the mark. Only events go through here, never `ClientCheck`
 * heartbeats, whose sequence numbers say nothing about events. Values that cannot be a real sequence or
 * publish time (1e308, a time far ahead of this clock) are refused: they would hide every later event.
 *
 * The filter never writes the marks itself: `SapiInbound` hands `marks()` to core's `accept` as the
 * resume point of the events that moved them, so the durable marks pass an event only in the commit that
 * records it as pending. A restarted daemon loads them and skips what it recorded before it stopped
 * (core's ledger re-runs what had not finished); marks that fail the same checks are dropped on loading.
 */
export class SequenceFilter {
  readonly #store: StateStore;
  readonly #clock: Clock;
  /** The least recently seen instance is forgotten past `maxInstances`. */
  readonly #marks = new LRUCache<string, HighWaterMark>({ max: maxInstances });

  constructor(store: StateStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  async load(): Promise<void> {
    const saved = await this.#store.get<Record<string, HighWaterMark>>(sequenceMarksKey);
    this.restore(saved ?? {});
  }

  /** Takes marks as `marks()` gave them (those that fail the checks are dropped), forgetting the others. */
  restore(saved: Readonly<Record<string, HighWaterMark>>): void {
    const now = this.#clock.now();
    this.#marks.clear();
    // Saved least recently seen first, so the order of forgetting survives a restart.
    for (const [instanceId, m] of Object.entries(saved)) {
      if (typeof m !== 'object' || m === null) continue;
      const mark = { sequenceId: m.sequenceId, timestamp: m.timestamp };
      if (markProblem(mark, now) === undefined) this.#marks.set(instanceId, mark);
    }
  }

  /** Checks an event's `msgInfo`; a new one becomes its instance's mark. */
  accept(info: SapiMsgInfo): SequenceVerdict {
    const reason = markProblem(info, this.#clock.now());
    if (reason) return { kind: 'unordered', reason };
    const mark = this.#marks.get(info.instanceId);
    if (mark && info.sequenceId <= mark.sequenceId && info.timestamp <= mark.timestamp)
      return { kind: 'seen', mark };
    this.#marks.set(info.instanceId, { sequenceId: info.sequenceId, timestamp: info.timestamp });
    return { kind: 'new' };
  }

  /** Every mark, least recently seen first: the value stored under `sequenceMarksKey`. */
  marks(): Record<string, HighWaterMark> {
    return Object.fromEntries(this.#marks.rentries());
  }
}
