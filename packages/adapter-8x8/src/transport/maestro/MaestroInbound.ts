import {
  AdapterContext,
  type BridgeConnection,
  defaultMaxJsonDepth,
  describeError,
  type EventInput,
  inject,
  injectable,
  isRecord,
  valueTooDeep,
} from '@switchboard/core';
import { mapMaestroEnvelope } from '../../mapping/mapMaestroEnvelope.js';
import { mapInvalidEnvelope, mapMaestroFailure } from '../../mapping/mapMaestroErrors.js';
import type { EightByEightContext } from '../../options.js';
import { bridgeMessages, type EnvelopeAck } from './bridgeProtocol.js';
import { MaestroCallTracker } from './MaestroCallTracker.js';
import { dropReportOf, issuesOf, messageIdOf, reasonOf, truncatedOf } from './sanitizeBridgeInput.js';
import { checkMaestroEnvelope } from './serverValidators.js';

/** Who a connected Maestro bridge is: the agent its token was made for. */
export interface MaestroIdentity {
  readonly agentId: string;
  readonly [key: string]: unknown;
}

/**
 * What agents' bridges forward: each Maestro message is checked again (the daemon never trusts the
 * browser's check), mapped and handed to core's `accept`, and acknowledged once core recorded its event
 * (the bridge keeps it and sends it again until then; a restart re-runs what was recorded). A message
 * core could not record is answered `retry`: the bridge sends it again. Whatever else goes wrong with a
 * message is rejected input (counted, logged); the bridge's connection goes on.
 */
@injectable()
export class MaestroInbound {
  readonly #tracker: MaestroCallTracker;

  constructor(@inject(AdapterContext) private readonly ctx: EightByEightContext) {
    this.#tracker = new MaestroCallTracker(ctx.state, (error) =>
      ctx.logger.warn(
        { err: describeError(error) },
        "a Maestro call's id could not be kept in the state store; after a restart its later messages may start a new call",
      ),
    );
  }

  /** Listens to one connected bridge. */
  attach(bridge: BridgeConnection<MaestroIdentity>): void {
    const { agentId } = bridge.identity;
    const { logger } = this.ctx;
    logger.info({ agentId }, 'Maestro bridge connected');
    bridge.on(bridgeMessages.envelope, (message) =>
      this.#receive(agentId, message, () => this.#onEnvelope(agentId, message)),
    );
    bridge.on(bridgeMessages.invalid, (message) =>
      this.#receive(agentId, message, () => this.#onInvalid(agentId, message)),
    );
    bridge.on(bridgeMessages.report, (report) => this.#onReport(agentId, report));
    bridge.onClose((reason) => logger.info({ agentId, reason }, 'Maestro bridge disconnected'));
  }

  /** One forwarded message: mapped, recorded, then acknowledged with the reply this resolves to. */
  async #receive(
    agentId: string,
    message: unknown,
    handle: () => Promise<EventInput | undefined>,
  ): Promise<EnvelopeAck> {
    const { events } = this.ctx;
    let event: EventInput | undefined;
    try {
      if (valueTooDeep(message, defaultMaxJsonDepth)) {
        const error = `nested deeper than ${defaultMaxJsonDepth} levels`;
        events.reject('maestro-bad-bridge-message', { agentId, error });
        return { ok: false, error };
      }
      event = await handle();
    } catch (error) {
      events.reject('maestro-bad-bridge-message', { agentId, error: describeError(error) });
      return { ok: false, error: 'the message could not be handled' };
    }
    if (event) {
      try {
        await events.accept(event);
      } catch (error) {
        this.ctx.logger.error(
          { agentId, eventId: event.id, err: describeError(error) },
          'a Maestro message could not be recorded; the bridge sends it again',
        );
        return { ok: false, retry: true, error: 'the message could not be recorded' };
      }
    }
    this.#noteTruncation(agentId, message);
    return { ok: true };
  }

  /** A message the bridge had to cut to forward it (e.g. a long chat transcript): counted and logged. */
  #noteTruncation(agentId: string, message: unknown): void {
    const truncated = truncatedOf(message);
    if (truncated === 0) return;
    this.ctx.events.reject('maestro-message-truncated', {
      agentId,
      messageId: messageIdOf(message),
      truncated,
      error: `the bridge cut or left out ${truncated} field(s) to stay within its size limits; the event fired with the rest`,
    });
  }

  /** Messages the bridge dropped while the daemon was away. */
  #onReport(agentId: string, report: unknown): void {
    const parsed = dropReportOf(report);
    if (!parsed) {
      this.ctx.events.reject('maestro-bad-bridge-message', { agentId, error: 'malformed drop report' });
      return;
    }
    this.ctx.events.reject('maestro-bridge-dropped', {
      agentId,
      dropped: parsed.dropped,
      error: parsed.reason,
    });
  }

  async #onEnvelope(agentId: string, message: unknown): Promise<EventInput | undefined> {
    const messageId = messageIdOf(message);
    if (!messageId) {
      this.ctx.events.reject('maestro-bad-bridge-message', { agentId });
      return undefined;
    }
    const envelope = isRecord(message) ? message.envelope : undefined;
    const context = this.#context(agentId, messageId);
    const check = checkMaestroEnvelope(envelope);
    if (!check.ok) return mapInvalidEnvelope(envelope, check.reason, check.errors, context);
    if (check.kind === 'failed') return mapMaestroFailure(check.envelope, context);
    const data = check.envelope.data as Record<string, unknown>;
    await this.#tracker.recall(agentId, data);
    return mapMaestroEnvelope(check.envelope, { ...context, callId: this.#tracker.callId(agentId, data) });
  }

  async #onInvalid(agentId: string, message: unknown): Promise<EventInput | undefined> {
    const messageId = messageIdOf(message);
    if (!messageId) {
      this.ctx.events.reject('maestro-bad-bridge-message', { agentId });
      return undefined;
    }
    const envelope = isRecord(message) ? message.envelope : undefined;
    return mapInvalidEnvelope(
      envelope,
      reasonOf(message),
      issuesOf(message),
      this.#context(agentId, messageId),
    );
  }

  #context(agentId: string, messageId: string) {
    return { source: this.ctx.instance, now: new Date(this.ctx.clock.now()), agentId, messageId };
  }
}
