import { AdapterContext, inject, injectable } from '@switchboard/core';
import type { EightByEightContext, SapiOptions } from '../../options.js';
import { CredentialRedactor } from './CredentialRedactor.js';
import { SapiInbound } from './SapiInbound.js';
import { SapiSession, type SapiSessionSetup } from './SapiSession.js';
import { SequenceFilter } from './SequenceFilter.js';
import { SubscriptionIdStore } from './SubscriptionIdStore.js';
import { defaultSessionTiming, type SapiSessionTiming } from './sessionOutcome.js';
import { basicAuthorization, sapiBaseUrl, subscribeUrl } from './subscribeUrl.js';

/**
 * The SAPI subscription, as core runs it (`ctx.connections`): each `connect` subscribes once with the
 * durable subscription id and hands the stream to `SapiInbound`. Core owns the loop: SAPI's planned
 * 60-minute end resubscribes at once (the instance stays connected), a refusal (bad token, the
 * 3-clients-per-tenant limit) is reported as `failed` once per streak and retried with the growing
 * jittered backoff, a broken, silent or stalled stream is replaced. The backoff starts over after a
 * session that delivered a new event or stayed up 30 seconds, so a server that accepts and closes at
 * once meets growing delays, never a tight loop.
 */
@injectable()
export class SapiConnection {
  #inbound: SapiInbound | undefined;

  constructor(@inject(AdapterContext) private readonly ctx: EightByEightContext) {}

  /**
   * Loads the durable state (subscription id, sequence marks, ended interactions), then subscribes in the
   * background; returns at once. `timing` is internal: tests shorten it.
   */
  async start(sapi: SapiOptions, timing: Partial<SapiSessionTiming> = {}): Promise<void> {
    const { ctx } = this;
    const filter = new SequenceFilter(ctx.state, ctx.clock);
    await filter.load();
    const subscriptionId = await new SubscriptionIdStore(ctx.state).resolve(
      sapi.tenant,
      ctx.instance,
      sapi.subscriptionId,
    );
    const redactor = new CredentialRedactor(sapi.tenant, sapi.token);
    const inbound = new SapiInbound(ctx, filter, redactor);
    await inbound.load();
    this.#inbound = inbound;
    const sessionTiming = { ...defaultSessionTiming, ...timing };
    const setup: SapiSessionSetup = {
      request: {
        url: subscribeUrl(sapi, subscriptionId),
        authorization: basicAuthorization(sapi.tenant, sapi.token),
        tenant: sapi.tenant,
        readTimeoutMs: sapi.readTimeoutSeconds * 1000,
        connectTimeoutMs: sapi.connectTimeoutSeconds * 1000,
        parser: {
          newlineDelimited: sapi.outputType.startsWith('NEWLINE_'),
          maxMessageChars: sapi.maxMessageChars,
        },
        redactor,
      },
      inbound,
      timing: sessionTiming,
      subscriptionId,
      closed: () => this.flush(),
    };
    ctx.connections.run({
      // The origin only: a `baseUrl` with user:password@ must not reach logs and /readyz.
      target: `8x8 SAPI at ${new URL(sapiBaseUrl(sapi)).origin}`,
      backoff: { initialMs: sapi.retry.initialMs, maxMs: sapi.retry.maxMs },
      stableAfterMs: sessionTiming.stableAfterMs,
      // SAPI replays what was missed, so only a session that proved itself is resubscribed at once.
      quickRetryAfterMs: sessionTiming.stableAfterMs,
      connect: (signal, attempt) => SapiSession.open(setup, signal, attempt),
    });
  }

  /**
   * Waits until every SAPI message read so far is recorded by core (with the sequence marks it moved) or
   * refused; never throws.
   */
  async flush(): Promise<void> {
    await this.#inbound?.settled();
  }
}
