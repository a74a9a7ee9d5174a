import type { StateStore } from '../contract/StateStore.js';

/** What opening a backend found: a first start, a store that was there, or one that went missing. */
export interface StateOpening {
  /** No state was there: de-duplication, call vars and resume points start empty. */
  readonly fresh: boolean;
  /**
   * Set when state was expected but gone (its file deleted): said loudly at start-up, because vendor
   * replays may fire their rules again.
   */
  readonly warning?: string;
}

/**
 * Where the daemon keeps its state: adapter instances' stores, core's event ledger, call vars and action
 * markers. One namespace per adapter instance (core's own names start with `~`), so a shared backend can
 * keep each instance's keys together. The embedded backend (`@switchboard/state-embedded`) is on disk;
 * `MemoryStateBackend` keeps everything in memory (tests, `replay`, `rules-runner test`).
 */
export interface StateBackend {
  /** State survives a restart of the daemon: the event ledger and call vars are kept in it. */
  readonly durable: boolean;
  /** Locks, checks and opens the store; fails with `SWB_STATE_LOCKED` or `SWB_STATE_CORRUPT`. */
  open(): Promise<StateOpening>;
  namespace(name: string): StateStore;
  /** Resolves once every write made so far is committed. */
  flush(): Promise<void>;
  /** Flushes, then releases the store (and its lock). */
  close(): Promise<void>;
  /**
   * A backend on the network (Redis) says whether it answers: the node is not ready while it does not, and
   * nothing falls back to memory. Absent: always up (embedded, memory).
   */
  readonly health?: StateHealth;
  /** Calls `listener` when the backend goes down or comes back (then read `health`); returns the unsubscribe. */
  onHealth?(listener: (up: boolean) => void): () => void;
}

/** Whether a state backend answers now. */
export interface StateHealth {
  readonly up: boolean;
  /** Why it is down (no credentials in it), e.g. `connect ECONNREFUSED 10.0.0.5:6379`. */
  readonly detail?: string;
}

/** The namespace of call vars and per-call action markers (keys start with the call id). */
export const callsNamespace = '~calls';
/** The namespace of core's own bookkeeping (the run number). */
export const coreNamespace = '~core';
