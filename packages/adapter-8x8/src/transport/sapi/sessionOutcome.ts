/** How long SAPI sessions last and when one counts as stable. Internal; tests shorten it. */
export interface SapiSessionTiming {
  /**
   * A session up this long proved itself, even without new events: the backoff starts over, and when it
   * breaks the first resubscribe is at once. A new event proves it sooner (`ConnectAttempt.healthy`).
   */
  readonly stableAfterMs: number;
  /** SAPI's session length (60 minutes): a clean end close to it is SAPI's planned end. */
  readonly sessionMs: number;
}

export const defaultSessionTiming: SapiSessionTiming = { stableAfterMs: 30_000, sessionMs: 60 * 60_000 };

/** "Close to the session length": SAPI's planned end comes after at least this share of it. */
const plannedShare = 0.9;
/** A session that delivered events still has to last this long for its clean end to be planned. */
const minPlannedMs = 1000;

/** A session that ended cleanly (the server closed the stream): how long it lasted, how many SAPI events it delivered. */
export interface SapiCleanEnd {
  readonly lastedMs: number;
  /** SAPI events, `ClientCheck` heartbeats and replays included. */
  readonly events: number;
}

/**
 * SAPI's planned end, followed by an immediate resubscribe: a clean end after close to the session
 * length, or after a session (of at least a second) that delivered events. Any other clean end backs
 * off: a server that accepts and closes at once must meet growing delays.
 */
export function sessionEndedAsPlanned(end: SapiCleanEnd, timing: SapiSessionTiming): boolean {
  return end.lastedMs >= timing.sessionMs * plannedShare || (end.events > 0 && end.lastedMs >= minPlannedMs);
}
