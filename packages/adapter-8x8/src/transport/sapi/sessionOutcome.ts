import type { SapiSessionEnd } from './openSapiStream.js';

/** How long SAPI sessions last and when one counts as healthy. Internal; tests shorten it. */
export interface SapiSessionTiming {
  /** An open session that stayed up this long was healthy, even without events: the backoff starts over. */
  readonly stableAfterMs: number;
  /** SAPI's session length (60 minutes): a clean end close to it is SAPI's planned end. */
  readonly sessionMs: number;
}

export const defaultSessionTiming: SapiSessionTiming = { stableAfterMs: 30_000, sessionMs: 60 * 60_000 };

/** "Close to the session length": SAPI's planned end comes after at least this share of it. */
const plannedShare = 0.9;
/** A session that delivered events still has to last this long for its clean end to be planned. */
const minPlannedMs = 1000;

/** One finished session: how it ended, how long it lasted, how many SAPI events it delivered. */
export interface SapiSessionSummary {
  readonly end: Exclude<SapiSessionEnd, { kind: 'stopped' }>;
  readonly lastedMs: number;
  readonly events: number;
}

const opened = (s: SapiSessionSummary): boolean =>
  s.end.kind === 'ended' || (s.end.kind === 'broken' && s.end.opened);

/**
 * A healthy session delivered SAPI events or stayed up `stableAfterMs`: the backoff starts over after
 * it. An HTTP 200 alone is not enough: a server that accepts and closes at once must meet growing delays.
 */
export function sessionWasHealthy(s: SapiSessionSummary, timing: SapiSessionTiming): boolean {
  return opened(s) && (s.events > 0 || s.lastedMs >= timing.stableAfterMs);
}

/**
 * SAPI's planned end, followed by an immediate resubscribe: a clean end after close to the session
 * length, or after a session (of at least a second) that delivered events. Any other end backs off.
 */
export function sessionEndedAsPlanned(s: SapiSessionSummary, timing: SapiSessionTiming): boolean {
  if (s.end.kind !== 'ended') return false;
  return s.lastedMs >= timing.sessionMs * plannedShare || (s.events > 0 && s.lastedMs >= minPlannedMs);
}
