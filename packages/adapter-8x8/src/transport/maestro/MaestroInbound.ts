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
 * browser's check), mapped and published, then acknowledged (the bridge sends it again until it is).
 * Whatever goes wrong with a message is rejected input (counted, logged); the bridge's connection goes on.
 */
@injectable()
export class MaestroInbound {
  readonly #tracker = new MaestroCallTracker();

  constructor(@inject(AdapterContext) private readonly ctx: EightByEightContext) {}

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

  /** One forwarded message: handled, then acknowledged with the reply this returns. */
  #receive(agentId: string, message: unknown, handle: () => void): EnvelopeAck {
    const { events } = this.ctx;
    try {
      if (valueTooDeep(message, defaultMaxJsonDepth)) {
        const error = `nested deeper than ${defaultMaxJsonDepth} levels`;
        events.reject('maestro-bad-bridge-message', { agentId, error });
        return { ok: false, error };
      }
      handle();
      this.#noteTruncation(agentId, message);
      return { ok: true };
    } catch (error) {
      events.reject('maestro-bad-bridge-message', { agentId, error: describeError(error) });
      return { ok: false, error: 'the message could not be handled' };
    }
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

  #onEnvelope(agentId: string, message: unknown): void {
    const messageId = messageIdOf(message);
    if (!messageId) {
      this.ctx.events.reject('maestro-bad-bridge-message', { agentId });
      return;
    }
    const envelope = isRecord(message) ? message.envelope : undefined;
    const context = this.#context(agentId, messageId);
    const check = checkMaestroEnvelope(envelope);
    if (!check.ok) {
      this.#publish(mapInvalidEnvelope(envelope, check.reason, check.errors, context));
      return;
    }
    if (check.kind === 'failed') {
      this.#publish(mapMaestroFailure(check.envelope, context));
      return;
    }
    const data = check.envelope.data as Record<string, unknown>;
    const event = mapMaestroEnvelope(check.envelope, {
      ...context,
      callId: this.#tracker.callId(agentId, data),
    });
    if (event) this.#publish(event);
  }

  #onInvalid(agentId: string, message: unknown): void {
    const messageId = messageIdOf(message);
    if (!messageId) {
      this.ctx.events.reject('maestro-bad-bridge-message', { agentId });
      return;
    }
    const envelope = isRecord(message) ? message.envelope : undefined;
    this.#publish(
      mapInvalidEnvelope(envelope, reasonOf(message), issuesOf(message), this.#context(agentId, messageId)),
    );
  }

  #context(agentId: string, messageId: string) {
    return { source: this.ctx.instance, now: new Date(this.ctx.clock.now()), agentId, messageId };
  }

  #publish(event: EventInput): void {
    this.ctx.events.publish(event);
  }
}
