import {
  defaultMaxJsonDepth,
  describeError,
  type InstanceEvents,
  type Logger,
  valueTooDeep,
} from '@switchboard/core';
import type { Socket } from 'socket.io';
import type { BsConnectsOptions } from '../BsConnectsOptions.js';
import { mapCilEvent } from '../mapping/mapCilEvent.js';
import {
  type BridgeAuth,
  type BridgeEventReply,
  BridgeMessages,
  type BridgeWelcome,
} from '../protocol/BridgeProtocol.js';
import { BeforeDialHandler } from './BeforeDialHandler.js';
import type { DialDecisions } from './DialDecisions.js';
import { parseBridgeEvent, parseBridgeReport } from './parseBridgeMessage.js';

type Ack = (reply: unknown) => void;

const known: ReadonlySet<string> = new Set([
  BridgeMessages.event,
  BridgeMessages.report,
  BridgeMessages.dialOutcome,
]);
const clip = (value: unknown): string => String(value).slice(0, 100);

export interface BridgeSessionDeps {
  readonly instance: string;
  readonly options: BsConnectsOptions;
  readonly events: InstanceEvents;
  readonly logger: Logger;
  readonly dials: DialDecisions;
}

/**
 * One connected bridge: its events become normalized events (a `beforeDial` waits for the rules'
 * decision, see `BeforeDialHandler`), its malformed messages are counted and answered with an error,
 * and the socket stays up.
 */
export class BridgeSession {
  readonly #socket: Socket;
  readonly #auth: BridgeAuth;
  readonly #deps: BridgeSessionDeps;
  readonly #logger: Logger;
  readonly #dials: BeforeDialHandler;

  constructor(socket: Socket, auth: BridgeAuth, deps: BridgeSessionDeps) {
    this.#socket = socket;
    this.#auth = auth;
    this.#deps = deps;
    this.#logger = deps.logger.child({ agentId: auth.agentId, bridge: socket.id });
    this.#dials = new BeforeDialHandler({
      events: deps.events,
      options: deps.options,
      logger: this.#logger,
      dials: deps.dials,
      reject: (reason, error) => this.#reject(reason, error),
    });
  }

  attach(): void {
    const socket = this.#socket;
    // Nothing walks a bridge's JSON (validators, mapping, the console) before its depth is checked.
    socket.use(([, ...args], next) => {
      if (!args.some((arg) => typeof arg !== 'function' && valueTooDeep(arg, defaultMaxJsonDepth))) {
        next();
        return;
      }
      const answer = this.#reject(
        'malformed-bridge-message',
        `the message is nested deeper than ${defaultMaxJsonDepth} levels`,
      );
      const ack = args.at(-1);
      if (typeof ack === 'function') (ack as Ack)(answer);
    });
    socket.on(BridgeMessages.event, (payload: unknown, ack: unknown) => {
      const reply =
        typeof ack === 'function'
          ? (ack as Ack)
          : typeof payload === 'function'
            ? (payload as Ack)
            : undefined;
      this.#onEvent(typeof payload === 'function' ? undefined : payload)
        .then((answer) => reply?.(answer))
        .catch((error: unknown) => {
          this.#logger.error({ err: describeError(error) }, 'bridge event failed');
          reply?.({ ok: false, error: 'internal error' });
        });
    });
    socket.on(BridgeMessages.report, (payload: unknown) => this.#onReport(payload));
    socket.on(BridgeMessages.dialOutcome, (payload: unknown) => this.#dials.report(payload));
    socket.onAny((name: unknown) => {
      if (!known.has(String(name)))
        this.#reject('unknown-bridge-message', `unknown message \`${clip(name)}\``);
    });
    socket.on('disconnect', (reason) => this.#logger.info({ reason }, 'bridge disconnected'));
    const welcome: BridgeWelcome = {
      instance: this.#deps.instance,
      beforeDialTimeoutMs: this.#deps.options.beforeDialTimeoutMs,
      requestTimeoutMs: this.#deps.options.requestTimeoutMs,
    };
    socket.emit(BridgeMessages.welcome, welcome);
    this.#logger.info(
      { address: socket.handshake.address, bridgeVersion: this.#auth.bridgeVersion },
      `bridge of agent ${this.#auth.agentId} connected`,
    );
  }

  async #onEvent(payload: unknown): Promise<BridgeEventReply> {
    const parsed = parseBridgeEvent(payload);
    if (!parsed.ok) return this.#reject('malformed-bridge-message', parsed.error);
    const message = parsed.value;
    if (!this.#auth.primary && message.name !== 'beforeDial')
      return this.#reject(
        'secondary-tab-event',
        `a secondary tab forwarded \`${message.name}\` (only the primary tab forwards CTI events)`,
      );
    const a = this.#auth.agent;
    const mapped = mapCilEvent(
      {
        name: message.name,
        data: message.data,
        messageId: message.id,
        time: message.raisedAt,
        agent: {
          id: this.#auth.agentId,
          firstName: a?.firstName,
          lastName: a?.lastName,
          extension: a?.extension,
        },
      },
      { queueVariable: this.#deps.options.queueVariable },
    );
    if (!mapped.ok) return this.#reject('unmappable-cil-event', mapped.reason);
    if (message.name !== 'beforeDial') {
      this.#deps.events.publish(mapped.event).catch((error: unknown) => {
        this.#logger.error(
          { err: describeError(error), eventId: mapped.event.id },
          'publishing a bridge event failed',
        );
      });
      return { ok: true };
    }
    return this.#dials.decide(mapped.event, message.id);
  }

  #onReport(payload: unknown): void {
    const parsed = parseBridgeReport(payload);
    if (!parsed.ok) {
      this.#reject('malformed-bridge-message', parsed.error);
      return;
    }
    const { dropped, undecidedDials, reason } = parsed.value;
    if (dropped > 0)
      this.#reject('bridge-events-dropped', `${dropped} event(s) dropped: ${reason}`, { dropped });
    if (undecidedDials > 0)
      this.#logger.warn(
        { undecidedDials },
        `${undecidedDials} dial(s) went to the original number while away`,
      );
  }

  #reject(reason: string, error: string, extra: Record<string, unknown> = {}): BridgeEventReply {
    this.#deps.events.reject(reason, {
      agentId: this.#auth.agentId,
      bridge: this.#socket.id,
      error,
      ...extra,
    });
    return { ok: false, error };
  }
}
