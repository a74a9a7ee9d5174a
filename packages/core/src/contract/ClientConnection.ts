import type { BackoffOptions } from '../net/Backoff.js';
import type { AdapterEvents } from './AdapterEvents.js';
import type { ConnectionError } from './ConnectionError.js';

/**
 * Client connections run by core: the adapter says how to open one session (`connect`), core runs the
 * loop around it (backoff with jitter, the first retry at once after a session that was up drops, reset
 * after a stable session), reports and logs the state, counts attempts and reconnects, and is the one
 * place where a lease is taken before connecting when several nodes share the work.
 */
export interface ConnectionHost {
  /** Starts the loop in the background and returns at once; core stops it when the instance stops. */
  run<S extends ClientSession>(spec: ConnectionSpec<S>): RunningConnection<S>;
}

export interface ConnectionSpec<S extends ClientSession = ClientSession> {
  /** Default `main`: the metric label and the lease resource `<instance>/<name>`. */
  readonly name?: string;
  /** Where, for logs and `/readyz`, e.g. `acme-events at https://pbx:8888`: no credentials, no query. */
  readonly target: string;
  /** From the adapter's options (its `reconnect` or `retry` settings); defaults: core's `Backoff`. */
  readonly backoff?: Partial<BackoffOptions>;
  /** A session up this long resets the backoff (default 30 000 ms). */
  readonly stableAfterMs?: number;
  /** A session up this long is retried at once when it drops, the first time (default 1 000 ms). */
  readonly quickRetryAfterMs?: number;
  /**
   * What the nodes that do not hold this connection's lease do (several nodes on one shared state):
   * `cold` (default) — they do not connect; use it when the vendor replays what was missed (SAPI, Pulsar),
   * or limits the clients per tenant. `warm` — they connect and listen too, but hold their events back
   * (at most `warmWindowMs`); the node that takes over runs what it held, and the shared event ledger drops
   * what the old holder had already recorded. Use it for vendors without replay (xCALLY's realtime socket).
   * Commands can be sent through a warm standby's session.
   */
  readonly standby?: 'cold' | 'warm';
  /**
   * Opens one session. Resolves once it is up; rejects with a `ConnectionError` saying what to do (any
   * other error counts as `notConnected`). `signal` aborts when the instance stops or the lease is lost:
   * give up at once then.
   */
  connect(signal: AbortSignal, attempt: ConnectAttempt): Promise<S>;
}

export interface ConnectAttempt {
  /** 1-based, since start or since the last healthy session. */
  readonly number: number;
  readonly lease: LeaseView;
  /** This session's events port. */
  readonly events: AdapterEvents;
  /** The session proved itself (a vendor event arrived): the backoff starts over now. */
  healthy(): void;
}

export interface LeaseView {
  /**
   * Grows with each lease taken (single node: the run's number); fences writes of an older holder. 0 while
   * a warm standby's session does not hold the lease yet.
   */
  readonly fence: number;
  /** `standby` only for a warm standby's session, until it takes over (then `holder`, same session). */
  readonly role: 'holder' | 'standby';
  /** Aborted when the lease is lost (never on a single node). */
  readonly lost: AbortSignal;
}

/** One connected session, as the adapter's `connect` resolves it. */
export interface ClientSession {
  /** Settles exactly once, when the session is over; never rejects. */
  readonly ended: Promise<SessionEnd>;
  /** Shown after the target in the connected state, e.g. `socket.io v2`. */
  readonly detail?: string;
  /** Graceful: flush what is buffered, then close. Core calls it when stopping and on a lost lease. */
  close(): Promise<void>;
}

export type SessionEnd =
  /**
   * `next: 'now'` for a planned end (a stream the server renews every hour): reconnect at once, and the
   * instance stays connected meanwhile (no `adapter.disconnected`) unless the renewal fails.
   */
  | { readonly kind: 'ended'; readonly reason: string; readonly next: 'now' | 'backoff' }
  | { readonly kind: 'failed'; readonly error: ConnectionError };

export type ConnectionState =
  | 'starting'
  | 'standby'
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'failed'
  | 'stopped';

export interface RunningConnection<S> {
  readonly name: string;
  readonly target: string;
  readonly state: ConnectionState;
  /** The live session, for executors that send through it; undefined while not connected. */
  readonly session: S | undefined;
  /** Sessions opened after the first one. */
  readonly reconnects: number;
  /** Resolves with the live session (at once when connected); rejects when the connection stops. */
  connected(options?: { readonly signal?: AbortSignal }): Promise<S>;
}
