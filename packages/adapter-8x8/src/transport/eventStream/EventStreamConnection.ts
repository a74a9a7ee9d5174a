import { hostname } from 'node:os';
import { AdapterContext, inject, injectable } from '@switchboard/core';
import type { EightByEightContext, EventStreamOptions } from '../../options.js';
import { CredentialRedactor } from '../sapi/CredentialRedactor.js';
import { EventStreamInbound, resumeKey } from './EventStreamInbound.js';
import { EventStreamSession, type EventStreamSessionSetup } from './EventStreamSession.js';
import { type ReaderStart, readerUrl } from './readerUrl.js';
import { eventStreamOrigin } from './regions.js';

/** Shown after the target while connected. */
const sessionDetail = 'Pulsar reader';
/** A session up this long proved itself even without messages (a quiet stream is not a broken one). */
const stableAfterMs = 30_000;

/**
 * 8x8 Event Streaming, as core runs it (`ctx.connections`): a Pulsar reader on the configured topic,
 * resumed after the last durably recorded message id (`stream.resume` in the instance state; kept in
 * memory too, for reconnects within the run). The very first start reads from `startAt`. A refused key
 * (401) or topic (403) stops the reader (`failed`) until a restart; anything else is retried with the
 * growing jittered backoff.
 */
@injectable()
export class EventStreamConnection {
  #resumeId: string | undefined;

  constructor(@inject(AdapterContext) private readonly ctx: EightByEightContext) {}

  /** Loads the resume point, then reads in the background; returns at once. */
  async start(options: EventStreamOptions): Promise<void> {
    const { ctx } = this;
    const stored = await ctx.state.get<unknown>(resumeKey);
    if (typeof stored === 'string' && stored !== '') this.#resumeId = stored;
    const redactor = new CredentialRedactor(options.tenant, options.apiKey);
    const inbound = new EventStreamInbound(ctx, redactor, options.maxMessageBytes);
    const origin = eventStreamOrigin(options);
    const target = `8x8 Event Streaming at ${origin} (${options.tenant}/${options.topic})`;
    const quietSeconds = options.quietWarningSeconds;
    const setup = (): EventStreamSessionSetup => ({
      url: readerUrl({
        origin,
        tenant: options.tenant,
        topic: options.topic,
        start: this.#start(options),
        receiverQueueSize: options.receiverQueueSize,
        readerName: `switchboard-${ctx.instance}-${hostname()}`.slice(0, 100),
      }),
      apiKey: options.apiKey,
      topic: options.topic,
      connectTimeoutMs: options.connectTimeoutSeconds * 1000,
      pingIntervalMs: options.pingIntervalSeconds * 1000,
      idleTimeoutMs: options.idleTimeoutSeconds * 1000,
      quietWarningMs: quietSeconds * 1000,
      maxMessageBytes: options.maxMessageBytes,
      inbound,
      redactor,
      recorded: (batch) => {
        this.#resumeId = batch.resumeId ?? this.#resumeId;
      },
      quiet: (quiet) => {
        // Still connected: a quiet night is normal. Said on /readyz because a wrong region or topic
        // connects just as well and delivers nothing.
        const detail = `${target} (${sessionDetail})`;
        if (quiet) {
          ctx.logger.warn(
            { quietSeconds },
            `no Event Streaming message for ${quietSeconds} s: normal when nothing happens, else check eventStream.region and eventStream.topic`,
          );
          ctx.events.setState(
            'connected',
            `${detail}: no message for ${quietSeconds} s (a wrong region or topic connects but delivers nothing)`,
          );
        } else ctx.events.setState('connected', detail);
      },
    });
    ctx.connections.run({
      name: 'eventStream',
      target,
      backoff: { initialMs: options.retry.initialMs, maxMs: options.retry.maxMs },
      stableAfterMs,
      connect: (signal, attempt) => EventStreamSession.open(setup(), signal, attempt, sessionDetail),
    });
  }

  #start(options: EventStreamOptions): ReaderStart {
    return this.#resumeId !== undefined
      ? { kind: 'after', messageId: this.#resumeId }
      : { kind: options.startAt };
  }
}
