import type {
  AdapterEvents,
  ClientSession,
  ConnectAttempt,
  ConnectionError,
  SessionEnd,
} from '@switchboard/core';
import { openSapiStream, type SapiSessionEnd, type SapiStreamRequest } from './openSapiStream.js';
import type { IntakeSession, SapiInbound } from './SapiInbound.js';
import { type SapiCleanEnd, type SapiSessionTiming, sessionEndedAsPlanned } from './sessionOutcome.js';

/** What one session needs besides the signal. */
export interface SapiSessionSetup {
  readonly request: Omit<SapiStreamRequest, 'signal'>;
  readonly inbound: SapiInbound;
  readonly timing: SapiSessionTiming;
  readonly subscriptionId: string;
  /** Called when the stream is closed, before the session ends: waits for its messages to be recorded; never throws. */
  readonly closed: () => Promise<void>;
}

/** How core's loop goes on after a session that SAPI had accepted. */
function sessionEnd(end: SapiSessionEnd, clean: SapiCleanEnd, timing: SapiSessionTiming): SessionEnd {
  const { lastedMs, events } = clean;
  switch (end.kind) {
    case 'ended':
      return sessionEndedAsPlanned(clean, timing)
        ? { kind: 'ended', reason: `planned end after ${lastedMs} ms with ${events} events`, next: 'now' }
        : {
            kind: 'ended',
            reason: `the SAPI stream ended after ${lastedMs} ms with ${events} events`,
            next: 'backoff',
          };
    case 'broken':
    case 'refused':
      return { kind: 'failed', error: end.error };
    case 'stopped':
      return { kind: 'ended', reason: 'closed', next: 'backoff' };
  }
}

/**
 * One SAPI subscription session: a stream SAPI accepted (HTTP 200), read until it ends. It proves itself
 * (`attempt.healthy()`) with its first event that moves the stream on, so a stream that breaks after
 * new events is resubscribed at once, while one that only replays what was seen meets the backoff. A
 * clean end is SAPI's planned end (`next: 'now'`) after close to 60 minutes, or after a second with
 * events; every other end backs off.
 */
export class SapiSession implements ClientSession, IntakeSession {
  readonly ended: Promise<SessionEnd>;
  readonly detail: string;
  readonly #controller = new AbortController();
  /** Why the session was broken from inside (its events could not be recorded). */
  #failure: ConnectionError | undefined;
  #stream: Promise<void> = Promise.resolve();
  #end!: (end: SessionEnd) => void;

  readonly events: AdapterEvents;

  private constructor(subscriptionId: string, events: AdapterEvents) {
    this.detail = `subscription ${subscriptionId}`;
    this.events = events;
    this.ended = new Promise((resolve) => {
      this.#end = resolve;
    });
  }

  /**
   * Subscribes; resolves with the session once SAPI accepted it. Rejects with the `ConnectionError` of a
   * refusal or of a stream that could not be opened, or with `signal`'s reason when it aborts first.
   */
  static open(setup: SapiSessionSetup, signal: AbortSignal, attempt: ConnectAttempt): Promise<SapiSession> {
    const session = new SapiSession(setup.subscriptionId, attempt.events);
    return new Promise<SapiSession>((resolve, reject) => {
      const started = performance.now();
      let opened = false;
      let events = 0;
      let proved = false;
      const stream = openSapiStream(
        { ...setup.request, signal: AbortSignal.any([signal, session.#controller.signal]) },
        {
          onOpen: () => {
            opened = true;
            resolve(session);
          },
          onFrames: (frames) => {
            const outcome = setup.inbound.onFrames(frames, session);
            events += outcome.events;
            if (outcome.progress && !proved) {
              proved = true;
              attempt.healthy();
            }
          },
        },
      );
      session.#stream = stream.then(async (end) => {
        const lastedMs = Math.round(performance.now() - started);
        await setup.closed();
        if (!opened) {
          reject(end.kind === 'refused' || end.kind === 'broken' ? end.error : signal.reason);
          return;
        }
        const failure = session.#failure;
        session.#end(
          failure ? { kind: 'failed', error: failure } : sessionEnd(end, { lastedMs, events }, setup.timing),
        );
      });
    });
  }

  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /** Breaks the session with `error` (core's loop retries after its backoff); later frames are ignored. */
  fail(error: ConnectionError): void {
    this.#failure ??= error;
    this.#controller.abort(error);
  }

  /** Stops reading; resolves once the stream is closed and its messages are recorded. */
  async close(): Promise<void> {
    this.#controller.abort(new Error('closed'));
    await this.#stream;
  }
}
