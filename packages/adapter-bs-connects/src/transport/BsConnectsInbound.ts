import {
  type Acceptance,
  AdapterContext,
  type BridgeConnection,
  defaultMaxJsonDepth,
  describeError,
  type EventInput,
  inject,
  injectable,
  type Logger,
  valueTooDeep,
} from '@switchboard/core';
import { mapCilEvent } from '../mapping/mapCilEvent.js';
import type { BsConnectsContext } from '../options.js';
import { BeforeDialHandler } from './BeforeDialHandler.js';
import { type BridgeEventReply, BridgeMessages, type BridgeWelcome } from './bridgeProtocol.js';
import type { BsBridgeIdentity } from './checkBridgeAuth.js';
import { DialDecisions } from './DialDecisions.js';
import { parseBridgeEvent, parseBridgeReport } from './parseBridgeMessage.js';

const known: ReadonlySet<string> = new Set([
  BridgeMessages.event,
  BridgeMessages.report,
  BridgeMessages.dialOutcome,
]);
const clip = (value: unknown): string => String(value).slice(0, 100);

type Reject = (reason: string, error: string, extra?: Record<string, unknown>) => BridgeEventReply;

/**
 * The messages of each connected bridge: its events become normalized events (a `beforeDial` waits for
 * the rules' decision, see `BeforeDialHandler`), its malformed or unknown messages are counted and
 * answered with an error, and the bridge stays connected. An event is acknowledged once recorded.
 */
@injectable()
export class BsConnectsInbound {
  constructor(
    @inject(AdapterContext) private readonly ctx: BsConnectsContext,
    @inject(DialDecisions) private readonly decisions: DialDecisions,
  ) {}

  attach(bridge: BridgeConnection<BsBridgeIdentity>): void {
    const { identity } = bridge;
    const { events, options } = this.ctx;
    const logger = this.ctx.logger.child({ agentId: identity.agentId, bridge: bridge.id });
    const reject: Reject = (reason, error, extra = {}) => {
      events.reject(reason, { agentId: identity.agentId, bridge: bridge.id, error, ...extra });
      return { ok: false, error };
    };
    const dials = new BeforeDialHandler({ events, options, logger, dials: this.decisions, reject });
    // Nothing walks a bridge's JSON (validators, mapping, the console) before its depth is checked.
    const on = (message: string, handler: (payload: unknown) => unknown): void =>
      bridge.on(message, (payload) =>
        valueTooDeep(payload, defaultMaxJsonDepth)
          ? reject(
              'malformed-bridge-message',
              `the message is nested deeper than ${defaultMaxJsonDepth} levels`,
            )
          : handler(payload),
      );
    on(BridgeMessages.event, (payload) => this.#onEvent(identity, payload, dials, reject, logger));
    on(BridgeMessages.report, (payload) => this.#onReport(payload, logger, reject));
    on(BridgeMessages.dialOutcome, (payload) => dials.report(payload));
    bridge.onAny((name) => {
      if (!known.has(name)) reject('unknown-bridge-message', `unknown message \`${clip(name)}\``);
    });
    bridge.onClose((reason) => logger.info({ reason }, 'bridge disconnected'));
    const welcome: BridgeWelcome = {
      instance: this.ctx.instance,
      beforeDialTimeoutMs: options.beforeDialTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs,
    };
    bridge.emit(BridgeMessages.welcome, welcome);
    logger.info(
      { address: bridge.remoteAddress, bridgeVersion: identity.bridgeVersion },
      `bridge of agent ${identity.agentId} connected`,
    );
  }

  async #onEvent(
    identity: BsBridgeIdentity,
    payload: unknown,
    dials: BeforeDialHandler,
    reject: Reject,
    logger: Logger,
  ): Promise<BridgeEventReply> {
    const parsed = parseBridgeEvent(payload);
    if (!parsed.ok) return reject('malformed-bridge-message', parsed.error);
    const message = parsed.value;
    if (!identity.primary && message.name !== 'beforeDial')
      return reject(
        'secondary-tab-event',
        `a secondary tab forwarded \`${message.name}\` (only the primary tab forwards CTI events)`,
      );
    const a = identity.agent;
    const mapped = mapCilEvent(
      {
        name: message.name,
        data: message.data,
        messageId: message.id,
        time: message.raisedAt,
        agent: {
          id: identity.agentId,
          firstName: a?.firstName,
          lastName: a?.lastName,
          extension: a?.extension,
        },
      },
      { queueVariable: this.ctx.options.queueVariable },
    );
    if (!mapped.ok) return reject('unmappable-cil-event', mapped.reason);
    if (message.name === 'beforeDial') return dials.decide(mapped.event, message.id);
    return this.#accept(mapped.event, logger);
  }

  /**
   * Acknowledged once recorded: a daemon that stops or crashes from then on runs the event's rules after
   * the restart. Until then the bridge keeps the event, and sends it again when told to (`retry`) or when
   * no acknowledgement comes (the daemon went away).
   */
  async #accept(event: EventInput, logger: Logger): Promise<BridgeEventReply> {
    let acceptance: Acceptance | undefined;
    try {
      [acceptance] = await this.ctx.events.accept(event);
    } catch (error) {
      logger.warn(
        { eventId: event.id, err: describeError(error) },
        'a bridge event could not be recorded: the bridge sends it again',
      );
      return { ok: false, retry: true, error: 'the daemon could not record the event; sent again later' };
    }
    // Refused by core (an invalid event: counted and logged there): sending it again would not help.
    if (acceptance?.status === 'rejected') return { ok: false, error: acceptance.error };
    return { ok: true };
  }

  #onReport(payload: unknown, logger: Logger, reject: Reject): void {
    const parsed = parseBridgeReport(payload);
    if (!parsed.ok) {
      reject('malformed-bridge-message', parsed.error);
      return;
    }
    const { dropped, undecidedDials, reason } = parsed.value;
    if (dropped > 0) reject('bridge-events-dropped', `${dropped} event(s) dropped: ${reason}`, { dropped });
    if (undecidedDials > 0)
      logger.warn({ undecidedDials }, `${undecidedDials} dial(s) went to the original number while away`);
  }
}
