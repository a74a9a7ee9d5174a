import type { ConnectionErrorKind } from '../contract/ConnectionError.js';

/** How the last attempt or session ended, as the delay rule needs it. */
export interface AttemptOutcome {
  /** `ended-now`: a planned end that asks to reconnect at once; `error`: an attempt or session failed. */
  readonly kind: 'ended-now' | 'ended' | 'error';
  readonly errorKind?: ConnectionErrorKind;
  readonly retryAfterMs?: number;
  /** The session (if one was up) lasted at least `quickRetryAfterMs`, or called `healthy()`. */
  readonly sessionProved: boolean;
  /** This is the first retry since that session dropped. */
  readonly firstRetryAfterSession: boolean;
}

/** What the loop does next. */
export type NextStep =
  | { readonly stop: 'failed' | 'stopped' }
  | { readonly delayMs: 'backoff' | number; readonly atLeastMs?: number };

/**
 * The delay rule, pure: a planned end or the first retry after a session that proved itself reconnects
 * at once (a vendor without replay loses every event sent while the client waits); `back-off` waits at
 * least what the server asked; `refused` and `end-of-stream` end the loop; anything else takes the next
 * backoff delay, so a server that accepts and drops every client meets growing delays.
 */
export function reconnectDelay(outcome: AttemptOutcome): NextStep {
  if (outcome.errorKind === 'refused') return { stop: 'failed' };
  if (outcome.errorKind === 'end-of-stream') return { stop: 'stopped' };
  if (outcome.kind === 'ended-now') return { delayMs: 0 };
  if (outcome.sessionProved && outcome.firstRetryAfterSession) return { delayMs: 0 };
  if (outcome.errorKind === 'back-off') return { delayMs: 'backoff', atLeastMs: outcome.retryAfterMs ?? 0 };
  return { delayMs: 'backoff' };
}
