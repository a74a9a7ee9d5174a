import {
  Backoff,
  type Clock,
  describeError,
  type InstanceEvents,
  type KeyValueStore,
  type Logger,
  sleep,
} from '@switchboard/core';
import { Agent } from 'undici';
import type { SapiOptions } from '../EightByEightOptions.js';
import { CredentialRedactor } from './CredentialRedactor.js';
import { openSapiStream } from './openSapiStream.js';
import { SapiEventPipeline } from './SapiEventPipeline.js';
import { SequenceFilter } from './SequenceFilter.js';
import { SubscriptionIdStore } from './SubscriptionIdStore.js';
import {
  defaultSessionTiming,
  type SapiSessionSummary,
  type SapiSessionTiming,
  sessionEndedAsPlanned,
  sessionWasHealthy,
} from './sessionOutcome.js';
import { basicAuthorization, subscribeUrl } from './subscribeUrl.js';

export interface SapiSubscriberDeps {
  readonly instance: string;
  readonly options: SapiOptions;
  readonly events: InstanceEvents;
  readonly logger: Logger;
  readonly state: KeyValueStore;
  readonly clock: Clock;
  /** Internal session timing; tests shorten it. */
  readonly timing?: Partial<SapiSessionTiming>;
}

/**
 * The SAPI subscription's life: subscribe with the durable subscription id, hand the stream to the
 * event pipeline, and when the session ends start the next one: at once after SAPI's planned 60-minute
 * end, after a jittered backoff when the stream broke, went silent or stalled, ended early without
 * events, or was refused (bad token, the 3-clients-per-tenant limit), which are logged and reported as
 * clear errors. Only `stop()` ends the subscription.
 * The backoff starts over only after a healthy session (events, or up long enough), so a server that
 * accepts and closes at once meets growing delays, never a tight loop.
 */
export class SapiSubscriber {
  readonly #deps: SapiSubscriberDeps;
  readonly #filter: SequenceFilter;
  readonly #redactor: CredentialRedactor;
  readonly #ids: SubscriptionIdStore;
  readonly #backoff: Backoff;
  readonly #timing: SapiSessionTiming;
  readonly #controller = new AbortController();
  readonly #agent = new Agent({ connections: 1 });
  #loop: Promise<void> | undefined;
  #subscriptionId = '';
  #connected = false;
  /** Code of the refusal the subscription is failing with, reported once per streak. */
  #failure: string | undefined;

  constructor(deps: SapiSubscriberDeps) {
    this.#deps = deps;
    this.#filter = new SequenceFilter(deps.state, deps.clock);
    this.#redactor = new CredentialRedactor(deps.options.tenant, deps.options.token);
    this.#ids = new SubscriptionIdStore(deps.state);
    this.#backoff = new Backoff({ initialMs: deps.options.retry.initialMs, maxMs: deps.options.retry.maxMs });
    this.#timing = { ...defaultSessionTiming, ...deps.timing };
  }

  get subscriptionId(): string {
    return this.#subscriptionId;
  }

  /** Loads the durable state, then subscribes in the background. */
  async start(): Promise<void> {
    const { options, instance } = this.#deps;
    await this.#filter.load();
    this.#subscriptionId = await this.#ids.resolve(options.tenant, instance, options.subscriptionId);
    this.#loop = this.#run().catch((error: unknown) => {
      this.#deps.logger.error({ err: describeError(error) }, 'SAPI subscriber stopped unexpectedly');
      this.#deps.events.setState('failed', describeError(error));
    });
  }

  async stop(): Promise<void> {
    this.#controller.abort(new Error('stopped'));
    await this.#loop;
    await this.#filter.flush();
    await this.#agent.close().catch(() => undefined);
  }

  /**
   * Session after session until stopped. Nothing that goes wrong in one session ends the
   * subscription: an unexpected error is logged and the next session follows after a backoff.
   */
  async #run(): Promise<void> {
    const signal = this.#controller.signal;
    const pipeline = new SapiEventPipeline({ ...this.#deps, filter: this.#filter, redactor: this.#redactor });
    while (!signal.aborted) {
      let delay: number | undefined;
      try {
        if ((await this.#session(pipeline)) === 'later') delay = this.#nextDelay();
      } catch (error) {
        delay = this.#recover(error);
      }
      if (signal.aborted || delay === undefined) continue;
      try {
        await sleep(delay, signal);
      } catch {
        return;
      }
    }
  }

  #nextDelay(): number {
    const delay = this.#backoff.next();
    this.#deps.logger.info({ delayMs: delay, attempt: this.#backoff.attempt }, 'SAPI reconnect scheduled');
    return delay;
  }

  /** After an unexpected error: a backoff delay, whatever else fails. */
  #recover(error: unknown): number {
    try {
      this.#deps.logger.error(
        { err: describeError(error) },
        'SAPI session failed unexpectedly; resubscribing',
      );
    } catch {
      // Logging is best effort here; the subscription must go on.
    }
    return this.#backoff.next();
  }

  /** One subscription session; says whether to resubscribe at once (SAPI's planned end) or after a backoff. */
  async #session(pipeline: SapiEventPipeline): Promise<'now' | 'later'> {
    const { options, events, logger, clock } = this.#deps;
    if (!this.#connected && !this.#failure)
      events.setState('connecting', `subscription ${this.#subscriptionId}`);
    const started = clock.now();
    let delivered = 0;
    const end = await openSapiStream(
      {
        url: subscribeUrl(options, this.#subscriptionId),
        authorization: basicAuthorization(options.tenant, options.token),
        tenant: options.tenant,
        readTimeoutMs: options.readTimeoutSeconds * 1000,
        connectTimeoutMs: options.connectTimeoutSeconds * 1000,
        signal: this.#controller.signal,
        parser: {
          newlineDelimited: options.outputType.startsWith('NEWLINE_'),
          maxMessageChars: options.maxMessageChars,
        },
        redactor: this.#redactor,
        dispatcher: this.#agent,
      },
      {
        onOpen: () => {
          this.#failure = undefined;
          if (!this.#connected) events.setState('connected', `subscription ${this.#subscriptionId}`);
          this.#connected = true;
          logger.info({ subscriptionId: this.#subscriptionId }, 'SAPI subscription open');
        },
        onFrame: (frame) => {
          if (pipeline.onFrame(frame)) delivered += 1;
        },
      },
    );
    if (end.kind === 'stopped') return 'later';
    const session: SapiSessionSummary = { end, lastedMs: clock.now() - started, events: delivered };
    if (sessionWasHealthy(session, this.#timing)) this.#backoff.reset();
    if (sessionEndedAsPlanned(session, this.#timing)) {
      logger.info(
        { subscriptionId: this.#subscriptionId, lastedMs: session.lastedMs, events: delivered },
        'SAPI session ended; resubscribing',
      );
      return 'now';
    }
    this.#connected = this.#report(session, this.#connected);
    return 'later';
  }

  /** Logs and reports an unplanned end; returns whether the instance still counts as connected. */
  #report(session: SapiSessionSummary, connected: boolean): boolean {
    const { events, logger } = this.#deps;
    const end = session.end;
    if (end.kind === 'refused') {
      const repeat = this.#failure === end.error.code;
      this.#failure = end.error.code;
      if (repeat) {
        logger.warn(
          { code: end.error.code, status: end.status, attempt: this.#backoff.attempt },
          end.error.message,
        );
        return false;
      }
      logger.error({ code: end.error.code, status: end.status }, end.error.message);
      events.setState('failed', `${end.error.message} [${end.error.code}]`);
      return false;
    }
    this.#failure = undefined;
    const reason =
      end.kind === 'ended'
        ? `the SAPI stream ended after ${session.lastedMs} ms with ${session.events} events`
        : end.error.message;
    logger.warn({ code: end.kind === 'broken' ? end.error.code : undefined }, reason);
    if (connected) events.setState('disconnected', reason);
    return false;
  }
}
