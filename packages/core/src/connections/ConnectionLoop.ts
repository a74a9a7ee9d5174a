import type { Logger } from 'pino';
import type {
  ClientSession,
  ConnectAttempt,
  ConnectionSpec,
  ConnectionState,
  RunningConnection,
  SessionEnd,
} from '../contract/ClientConnection.js';
import { ConnectionError } from '../contract/ConnectionError.js';
import { describeError } from '../errors/index.js';
import { Backoff, sleep } from '../net/Backoff.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { Clock } from '../runtime/Clock.js';
import { droppedReport, type FencedEvents, type HeldEvent, LeasedEvents } from './LeasedEvents.js';
import type { Lease, LeaseManager } from './LeaseManager.js';
import { type AttemptOutcome, reconnectDelay } from './reconnectDelay.js';
import { defaultWarmBufferMax, defaultWarmWindowMs, WarmBuffer } from './WarmBuffer.js';

export const defaultStableAfterMs = 30_000;
export const defaultQuickRetryAfterMs = 1_000;

export interface ConnectionLoopDeps {
  readonly instance: string;
  readonly events: FencedEvents;
  readonly logger: Logger;
  readonly leases: LeaseManager;
  readonly metrics: Metrics;
  /** Called on every state change, so the instance shows the worst state of its connections. */
  readonly changed: () => void;
  readonly random?: () => number;
  /** This node's id (lease diagnostics). */
  readonly node?: string;
  readonly clock?: Clock;
  readonly diagnostics?: Diagnostics;
  /** Several nodes share the state: leases decide who connects, and roles are shown. */
  readonly cluster?: { readonly warmWindowMs?: number };
  /**
   * Runs when this node takes a lease over, before it connects (cold) or runs what it held (warm): the
   * events the last holder recorded but did not finish are run here.
   */
  readonly takeover?: (resource: string) => Promise<void>;
}

/** This node's part in a leased connection: `holder` connects; a `standby` waits (cold) or listens (warm). */
export type LeaseRole = 'holder' | 'standby';

/** What `/api/instances` shows of a connection's lease (several nodes only). */
export interface LeaseStatus {
  readonly role: LeaseRole;
  readonly standby: 'cold' | 'warm';
  /** The holder's fence (this node's, while it holds the lease). */
  readonly fence?: number;
  /** ISO time of the last change of role. */
  readonly since: string;
}

const aborted = Symbol('aborted');

/** Resolves with `aborted` when the signal aborts (at once when it already has). */
function whenAborted(signal: AbortSignal): Promise<typeof aborted> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(aborted);
    else signal.addEventListener('abort', () => resolve(aborted), { once: true });
  });
}

/**
 * One client connection of an instance: lease, connect, wait for the session's end, decide the delay
 * (`reconnectDelay`), sleep, again, until stopped. The adapter only opens sessions; the loop owns the
 * state, the logs (`connected to …`, `lost the connection to …`, `reconnecting to … in N ms`) and the
 * counts.
 */
export class ConnectionLoop<S extends ClientSession> implements RunningConnection<S> {
  readonly name: string;
  readonly target: string;
  readonly #spec: ConnectionSpec<S>;
  readonly #deps: ConnectionLoopDeps;
  readonly #stop = new AbortController();
  #state: ConnectionState = 'starting';
  #detail: string | undefined;
  #code: string | undefined;
  #session: S | undefined;
  #sessions = 0;
  #done: Promise<void> | undefined;
  /** The loop has ended (stopped, refused, end of stream): nothing will connect again. */
  #over = false;
  readonly #waiters = new Set<{ resolve(session: S): void; reject(error: unknown): void }>();
  readonly #standby: 'cold' | 'warm';
  readonly #events: LeasedEvents;
  readonly #clock: Clock;
  readonly #resource: string;
  #lease: Lease | undefined;
  #acquiring: Promise<Lease | undefined> | undefined;
  #role: LeaseRole = 'standby';
  #roleSince: number;
  /** Aborted when the lease is lost: ends the live session, or the attempt under way. */
  #sessionEnd = new AbortController();
  /** The live session's detail, for `connected` once a warm standby takes over. */
  #liveDetail: string | undefined;

  constructor(spec: ConnectionSpec<S>, deps: ConnectionLoopDeps) {
    this.#spec = spec;
    this.#deps = deps;
    this.name = spec.name ?? 'main';
    this.target = spec.target;
    this.#standby = spec.standby ?? 'cold';
    this.#resource = `${deps.instance}/${this.name}`;
    const clock: Clock = deps.clock ?? { now: () => Date.now() };
    this.#clock = clock;
    this.#roleSince = clock.now();
    const windowMs = deps.cluster?.warmWindowMs ?? defaultWarmWindowMs;
    const { instance, metrics, logger } = deps;
    const buffer = new WarmBuffer<HeldEvent>(clock, {
      windowMs,
      max: defaultWarmBufferMax,
      dropped: (items) => {
        metrics.eventsDropped.inc({ instance, reason: 'warm-window' }, items.length);
        logger.warn(
          { connection: this.name, dropped: items.length, warmWindowMs: windowMs },
          `${items.length} event(s) held by this warm standby dropped: older than warmWindowMs (the holder had them)`,
        );
        for (const held of items) held.settle?.(droppedReport(windowMs));
      },
    });
    this.#events = new LeasedEvents(
      deps.events,
      buffer,
      (count) => metrics.eventsHeld.inc({ instance }, count),
      // Single node: nothing to fence against (the local lease's fence is the same for every run).
      () =>
        deps.cluster && this.#lease ? { resource: this.#resource, fence: this.#lease.fence } : undefined,
    );
    this.#events.onFenced = () => {
      if (this.#lease) this.#lost(this.#lease);
    };
  }

  /** This node's part in the connection, when several nodes share the work; undefined on a single node. */
  get lease(): LeaseStatus | undefined {
    if (!this.#deps.cluster) return undefined;
    return {
      role: this.#role,
      standby: this.#standby,
      ...(this.#lease ? { fence: this.#lease.fence } : {}),
      since: new Date(this.#roleSince).toISOString(),
    };
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get detail(): string | undefined {
    return this.#detail;
  }

  get code(): string | undefined {
    return this.#code;
  }

  get session(): S | undefined {
    return this.#session;
  }

  get reconnects(): number {
    return Math.max(0, this.#sessions - 1);
  }

  connected(options: { readonly signal?: AbortSignal } = {}): Promise<S> {
    if (this.#session) return Promise.resolve(this.#session);
    if (this.#stop.signal.aborted || this.#over) {
      return Promise.reject(new Error(`the connection to ${this.target} is stopped`));
    }
    return new Promise<S>((resolve, reject) => {
      const waiter = {
        resolve: (session: S) => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve(session);
        },
        reject: (error: unknown) => {
          options.signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = (): void => {
        this.#waiters.delete(waiter);
        reject(options.signal?.reason);
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  start(): void {
    this.#done ??= this.#run().catch((error: unknown) => {
      this.#deps.logger.error({ connection: this.name, err: describeError(error) }, 'connection loop failed');
    });
  }

  /** Stops the loop: gives up a pending attempt, closes the live session, resolves once all is done. */
  async stop(): Promise<void> {
    this.#stop.abort(new Error('stopped'));
    await this.#done;
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    const spec = this.#spec;
    const { logger } = this.#deps;
    const backoff = new Backoff(spec.backoff, this.#deps.random);
    const stableAfterMs = spec.stableAfterMs ?? defaultStableAfterMs;
    const quickRetryAfterMs = spec.quickRetryAfterMs ?? defaultQuickRetryAfterMs;
    let number = 0;
    let lastFailure: string | undefined;
    /** The last session ended as planned (`next: 'now'`): the instance stays connected while it is renewed. */
    let renewing = false;
    while (!signal.aborted) {
      const sessionEnd = new AbortController();
      this.#sessionEnd = sessionEnd;
      if (!this.#lease) {
        const pending = this.#acquire(signal);
        if (this.#standby === 'cold') {
          // A standby that is not connected: it waits here until the holder is gone.
          if (!(await settledSoon(pending)))
            this.#set('standby', `${this.target}: another node holds the connection`);
          let lease: Lease | undefined;
          try {
            lease = await pending;
          } catch (error) {
            if (signal.aborted) break;
            throw error;
          }
          if (!lease) break;
        } else {
          // Warm: connect and listen meanwhile, holding events back until the lease is this node's.
          this.#events.hold();
          pending.catch((error: unknown) => {
            if (!signal.aborted)
              logger.error({ connection: this.name, err: describeError(error) }, 'taking the lease failed');
          });
          await settledSoon(pending);
        }
      }
      number += 1;
      // While renewing, the instance stays connected; while failing for a reason a person must fix, it
      // stays failed (one `adapter.error` per streak, not one per retry).
      if (!renewing && this.#state !== 'failed') this.#set('connecting', this.target);
      const attemptSignal = AbortSignal.any([signal, sessionEnd.signal]);
      let proved = false;
      const loop = this;
      const attempt: ConnectAttempt = {
        number,
        lease: {
          get fence() {
            return loop.#lease?.fence ?? 0;
          },
          get role() {
            return loop.#lease ? 'holder' : 'standby';
          },
          lost: sessionEnd.signal,
        },
        events: this.#events,
        healthy: () => {
          proved = true;
          backoff.reset();
          number = 0;
        },
      };
      let session: S | undefined;
      let error: ConnectionError | undefined;
      try {
        session = await spec.connect(attemptSignal, attempt);
      } catch (thrown) {
        if (signal.aborted) break;
        error = ConnectionError.is(thrown)
          ? thrown
          : ConnectionError.notConnected(describeError(thrown), { cause: thrown });
        this.#count(error.kind);
      }
      let outcome: AttemptOutcome;
      if (session) {
        if (signal.aborted || sessionEnd.signal.aborted) {
          await closeQuietly(session);
          if (signal.aborted) break;
          continue;
        }
        this.#count('connected');
        lastFailure = undefined;
        const end = await this.#hold(
          session,
          attemptSignal,
          () => {
            backoff.reset();
            number = 0;
          },
          stableAfterMs,
          renewing,
        );
        renewing = false;
        if (end === aborted) {
          await closeQuietly(session);
          if (signal.aborted) break;
          continue;
        }
        proved ||= end.upMs >= quickRetryAfterMs;
        if (end.end.kind === 'ended' && end.end.next === 'now') {
          // A planned end (a stream the server renews every hour) is no outage: no `adapter.disconnected`,
          // no reconnect counted, unless the renewal fails.
          logger.info(
            { connection: this.name, reason: end.end.reason },
            `${this.target} renewed the session (${end.end.reason})`,
          );
          renewing = true;
          outcome = { kind: 'ended-now', sessionProved: proved, firstRetryAfterSession: true };
        } else if (end.end.kind === 'ended') {
          logger.warn(
            { connection: this.name, reason: end.end.reason },
            `lost the connection to ${this.target}: ${end.end.reason}`,
          );
          this.#set('disconnected', `connection lost: ${end.end.reason}`);
          outcome = { kind: 'ended', sessionProved: proved, firstRetryAfterSession: true };
        } else {
          error = end.end.error;
          logger.warn(
            { connection: this.name, code: error.code },
            `lost the connection to ${this.target}: ${error.message}`,
          );
          outcome = {
            kind: 'error',
            errorKind: error.kind,
            ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
            sessionProved: proved,
            firstRetryAfterSession: true,
          };
          lastFailure = this.#report(error, lastFailure);
        }
      } else {
        renewing = false;
        const failed = error as ConnectionError;
        lastFailure = this.#report(failed, lastFailure);
        outcome = {
          kind: 'error',
          errorKind: failed.kind,
          ...(failed.retryAfterMs !== undefined ? { retryAfterMs: failed.retryAfterMs } : {}),
          sessionProved: false,
          firstRetryAfterSession: false,
        };
      }
      const step = reconnectDelay(outcome);
      if ('stop' in step) {
        if (step.stop === 'stopped') this.#set('stopped', error?.message);
        break;
      }
      const delay = step.delayMs === 'backoff' ? Math.max(step.atLeastMs ?? 0, backoff.next()) : step.delayMs;
      logger.info(
        { connection: this.name, delayMs: delay, attempt: number + 1 },
        `reconnecting to ${this.target} in ${delay} ms`,
      );
      if (delay > 0) await sleep(delay, signal).catch(() => undefined);
    }
    this.#over = true;
    await this.#release();
    if (this.#state !== 'failed') this.#set('stopped');
    for (const waiter of this.#waiters) waiter.reject(new Error(`the connection to ${this.target} stopped`));
    this.#waiters.clear();
  }

  /** Holds a live session until it ends or the attempt's signal aborts; `stable` runs once it lasted. */
  async #hold(
    session: S,
    signal: AbortSignal,
    stable: () => void,
    stableAfterMs: number,
    renewal: boolean,
  ): Promise<{ end: SessionEnd; upMs: number } | typeof aborted> {
    if (!renewal) this.#sessions += 1;
    this.#session = session;
    const started = performance.now();
    const detail = session.detail === undefined ? this.target : `${this.target} (${session.detail})`;
    this.#deps.logger.info(
      { connection: this.name, ...(session.detail ? { detail: session.detail } : {}) },
      `connected to ${this.target}`,
    );
    this.#liveDetail = detail;
    if (this.#lease) this.#set('connected', detail);
    else
      this.#set('standby', `${detail}: warm standby, holding events while another node holds the connection`);
    for (const waiter of this.#waiters) waiter.resolve(session);
    this.#waiters.clear();
    const timer = setTimeout(stable, stableAfterMs);
    timer.unref?.();
    try {
      const end = await Promise.race([session.ended, whenAborted(signal)]);
      return end === aborted ? aborted : { end, upMs: performance.now() - started };
    } finally {
      clearTimeout(timer);
      this.#session = undefined;
      this.#liveDetail = undefined;
    }
  }

  /**
   * Starts taking the lease in the background, unless this node is already waiting for it. Resolves with the
   * lease once this node holds it and the takeover ran (undefined when the loop stopped first).
   */
  #acquire(signal: AbortSignal): Promise<Lease | undefined> {
    this.#acquiring ??= this.#deps.leases.acquire(this.#resource, signal).then(
      async (lease) => {
        await this.#took(lease, signal);
        this.#acquiring = undefined;
        return lease;
      },
      (error: unknown) => {
        this.#acquiring = undefined;
        if (signal.aborted) return undefined;
        throw error;
      },
    );
    return this.#acquiring;
  }

  /** This node holds the lease now: the last holder's unfinished events run, then what a warm standby held. */
  async #took(lease: Lease, signal: AbortSignal): Promise<void> {
    const { metrics, instance, logger } = this.#deps;
    this.#lease = lease;
    this.#changeRole('holder');
    metrics.leaseHeld.set({ instance, connection: this.name }, 1);
    metrics.leaseChanges.inc({ instance, connection: this.name, change: 'acquired' });
    lease.lost.addEventListener('abort', () => this.#lost(lease), { once: true });
    if (lease.lost.aborted) return this.#lost(lease);
    if (this.#deps.cluster) {
      try {
        await this.#deps.takeover?.(this.#resource);
      } catch (error) {
        logger.error(
          { connection: this.name, err: describeError(error) },
          "the last holder's unfinished events could not be read",
        );
      }
    }
    let replayed = 0;
    if (this.#events.holding) replayed = await this.#events.promote(AbortSignal.any([signal, lease.lost]));
    if (this.#lease !== lease) return;
    this.#diagnose('acquired', lease.fence, replayed);
    if (this.#deps.cluster) {
      logger.info(
        { connection: this.name, fence: lease.fence, replayed },
        replayed > 0
          ? `this node holds ${this.target} now (lease fence ${lease.fence}); ${replayed} held event(s) handed on`
          : `this node holds ${this.target} now (lease fence ${lease.fence})`,
      );
    }
    if (this.#session && this.#state === 'standby' && this.#liveDetail)
      this.#set('connected', this.#liveDetail);
  }

  /** Another node took the lease, or this one could not renew it: the session closes, this node stands by. */
  #lost(lease: Lease): void {
    if (this.#lease !== lease) return;
    const { metrics, instance, logger } = this.#deps;
    this.#lease = undefined;
    this.#changeRole('standby');
    if (this.#standby === 'warm') this.#events.hold();
    metrics.leaseHeld.set({ instance, connection: this.name }, 0);
    metrics.leaseChanges.inc({ instance, connection: this.name, change: 'lost' });
    this.#diagnose('lost', lease.fence);
    logger.warn(
      { connection: this.name, fence: lease.fence },
      `lost the lease of ${this.target} (fence ${lease.fence}): closing the session; another node takes over`,
    );
    this.#sessionEnd.abort(new Error('lease lost'));
  }

  /** At the end of the loop: another node may take the connection at once. */
  async #release(): Promise<void> {
    const lease = this.#lease;
    if (!lease) return;
    const { metrics, instance, logger } = this.#deps;
    this.#lease = undefined;
    this.#changeRole('standby');
    try {
      await lease.release();
    } catch (error) {
      logger.warn({ connection: this.name, err: describeError(error) }, 'releasing the lease failed');
    }
    metrics.leaseHeld.set({ instance, connection: this.name }, 0);
    metrics.leaseChanges.inc({ instance, connection: this.name, change: 'released' });
    this.#diagnose('released', lease.fence);
  }

  #changeRole(role: LeaseRole): void {
    if (this.#role === role) return;
    this.#role = role;
    this.#roleSince = this.#clock.now();
  }

  #diagnose(change: 'acquired' | 'lost' | 'released', fence: number, replayed?: number): void {
    const { diagnostics, instance, node } = this.#deps;
    if (!diagnostics?.wants('lease')) return;
    diagnostics.emit({
      kind: 'lease',
      instance,
      connection: this.name,
      change,
      node: node ?? '',
      fence,
      ...(replayed ? { replayed } : {}),
    });
  }

  /**
   * Logs a failed attempt, with the message the adapter gave: the first of a streak at its level (`failed`:
   * something to fix, at error), repeats of the same code at warn. Returns the code, for the next one.
   */
  #report(error: ConnectionError, previous: string | undefined): string {
    const code = String(error.code);
    const serious = error.report === 'failed' && previous !== code;
    const line = {
      connection: this.name,
      code,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
    if (serious) this.#deps.logger.error(line, error.message);
    else this.#deps.logger.warn(line, error.message);
    if (previous !== code || this.#state !== error.report) this.#set(error.report, error.message, code);
    return code;
  }

  #count(outcome: string): void {
    this.#deps.metrics.connectionAttempts.inc({
      instance: this.#deps.instance,
      connection: this.name,
      outcome,
    });
  }

  #set(state: ConnectionState, detail?: string, code?: string): void {
    this.#state = state;
    this.#detail = detail;
    this.#code = code;
    this.#deps.changed();
  }
}

/** Whether `promise` settles within a turn of the event loop (a lease nobody else holds is taken at once). */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

async function closeQuietly(session: ClientSession): Promise<void> {
  await session.close().catch(() => undefined);
}
