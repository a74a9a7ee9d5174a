import type { Logger } from 'pino';
import type { AdapterEvents } from '../contract/AdapterEvents.js';
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
import type { Metrics } from '../observe/Metrics.js';
import type { LeaseManager } from './LeaseManager.js';
import { type AttemptOutcome, reconnectDelay } from './reconnectDelay.js';

export const defaultStableAfterMs = 30_000;
export const defaultQuickRetryAfterMs = 1_000;

export interface ConnectionLoopDeps {
  readonly instance: string;
  readonly events: AdapterEvents;
  readonly logger: Logger;
  readonly leases: LeaseManager;
  readonly metrics: Metrics;
  /** Called on every state change, so the instance shows the worst state of its connections. */
  readonly changed: () => void;
  readonly random?: () => number;
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

  constructor(spec: ConnectionSpec<S>, deps: ConnectionLoopDeps) {
    this.#spec = spec;
    this.#deps = deps;
    this.name = spec.name ?? 'main';
    this.target = spec.target;
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
    const { leases, logger, instance } = this.#deps;
    const backoff = new Backoff(spec.backoff, this.#deps.random);
    const stableAfterMs = spec.stableAfterMs ?? defaultStableAfterMs;
    const quickRetryAfterMs = spec.quickRetryAfterMs ?? defaultQuickRetryAfterMs;
    let number = 0;
    let lastFailure: string | undefined;
    /** The last session ended as planned (`next: 'now'`): the instance stays connected while it is renewed. */
    let renewing = false;
    while (!signal.aborted) {
      let lease: Awaited<ReturnType<LeaseManager['acquire']>>;
      try {
        lease = await leases.acquire(`${instance}/${this.name}`, signal);
      } catch (error) {
        if (signal.aborted) break;
        throw error;
      }
      number += 1;
      // While renewing, the instance stays connected; while failing for a reason a person must fix, it
      // stays failed (one `adapter.error` per streak, not one per retry).
      if (!renewing && this.#state !== 'failed') this.#set('connecting', this.target);
      const attemptSignal = AbortSignal.any([signal, lease.lost]);
      let proved = false;
      const attempt: ConnectAttempt = {
        number,
        lease: { fence: lease.fence, role: 'holder', lost: lease.lost },
        events: this.#deps.events,
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
        if (signal.aborted || lease.lost.aborted) {
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
    this.#set('connected', detail);
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
    }
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

async function closeQuietly(session: ClientSession): Promise<void> {
  await session.close().catch(() => undefined);
}
