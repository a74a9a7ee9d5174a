import {
  type BridgeIdentity,
  type Clock,
  CoreTokens,
  defaultMaxJsonDepth,
  describeError,
  type EventInput,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
  type RealtimeHost,
  type RouteHost,
  valueTooDeep,
} from '@switchboard/core';
import type { Namespace, Socket } from 'socket.io';
import type { EightByEightOptions, MaestroOptions } from '../EightByEightOptions.js';
import { Adapter8x8Error } from '../errors/Adapter8x8Error.js';
import { mapMaestroEnvelope } from '../mapping/mapMaestroEnvelope.js';
import { mapInvalidEnvelope, mapMaestroFailure } from '../mapping/mapMaestroErrors.js';
import { bridgeMessages, type EnvelopeAck } from './bridgeProtocol.js';
import { bridgeScript, readBridgeBundle } from './bridgeScript.js';
import { verifyBridgeToken } from './bridgeToken.js';
import { dialNewestBridge } from './dialNewestBridge.js';
import { MaestroCallTracker } from './MaestroCallTracker.js';
import { dropReportOf, issuesOf, messageIdOf, reasonOf, truncatedOf } from './sanitizeBridgeInput.js';
import { checkMaestroEnvelope } from './serverValidators.js';

/**
 * The daemon side of the MaestroSDK bridge: serves the bridge script at `/adapters/<instance>/bridge.js`,
 * lets agents' bridges connect to the socket.io namespace `/adapters/<instance>` (allowed page origin
 * and a signed agent token), turns what they forward into events, and sends `dial` to one bridge of
 * the agent: the one connected last, when the agent has several tabs open.
 */
@injectable()
export class MaestroBridgeServer {
  readonly #options: MaestroOptions | undefined;
  readonly #tracker = new MaestroCallTracker();
  #namespace: Namespace | undefined;

  constructor(
    @inject(InstanceTokens.Name) private readonly instance: string,
    @inject(InstanceTokens.Options) options: EightByEightOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(InstanceTokens.Routes) private readonly routes: RouteHost,
    @inject(InstanceTokens.Realtime) private readonly realtime: RealtimeHost,
    @inject(CoreTokens.Clock) private readonly clock: Clock,
  ) {
    this.#options = options.maestro;
  }

  get enabled(): boolean {
    return this.#options !== undefined;
  }

  /** Mounts the script route and the namespace (before the daemon's server listens). */
  async start(): Promise<void> {
    const options = this.#options;
    if (!options) return;
    const bundle = await readBridgeBundle();
    if (!bundle) this.logger.error('the Maestro bridge bundle is missing: build @switchboard/adapter-8x8');
    const script = bundle
      ? bridgeScript(bundle, { namespace: this.routes.prefix, maestroUrl: options.url })
      : undefined;
    this.routes.register(async (app) => {
      app.get('/bridge.js', async (_request, reply) => {
        reply
          .header('content-type', 'application/javascript; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('x-content-type-options', 'nosniff');
        if (!script) return reply.code(503).send('console.error("Switchboard 8x8 bridge is not built");');
        return reply.send(script);
      });
    });
    const namespace = this.realtime.namespace({
      origins: options.allowedOrigins,
      authenticate: (socket) => this.#authenticate(socket, options),
    });
    namespace.on('connection', (socket) => this.#onConnection(socket));
    this.#namespace = namespace;
    this.logger.info({ script: this.routes.url('/bridge.js') }, 'Maestro bridge ready');
  }

  stop(): void {
    this.#namespace?.disconnectSockets(true);
  }

  /**
   * Sends `dial` to one bridge of `agentId`, the one connected last (an agent with several tabs open
   * places one call), and waits for it to confirm; see `dialNewestBridge`.
   */
  async dial(agentId: string, phoneNumber: string, timeoutMs: number): Promise<number> {
    const namespace = this.#namespace;
    if (!namespace)
      throw new Adapter8x8Error('X8_DIAL_NOT_CONFIGURED', 'this instance has no maestro options');
    const bridges = await namespace.in(this.realtime.agentRoom(agentId)).fetchSockets();
    return dialNewestBridge(bridges, agentId, phoneNumber, timeoutMs);
  }

  #authenticate(socket: Socket, options: MaestroOptions): BridgeIdentity | undefined {
    const origin = socket.handshake.headers.origin;
    const auth = socket.handshake.auth as { agentId?: unknown; token?: unknown };
    const agentId = typeof auth.agentId === 'string' && auth.agentId.length <= 200 ? auth.agentId : '';
    const token = typeof auth.token === 'string' ? auth.token : '';
    if (!origin || !options.allowedOrigins.includes(origin)) {
      this.logger.warn({ origin }, 'Maestro bridge refused: page origin not in maestro.allowedOrigins');
      return undefined;
    }
    if (!agentId || !verifyBridgeToken(options.secret, agentId, token, this.clock.now())) {
      this.logger.warn({ origin, agentId }, 'Maestro bridge refused: missing, wrong or expired agent token');
      return undefined;
    }
    return { agentId };
  }

  #onConnection(socket: Socket): void {
    const agentId = (socket.data.identity as BridgeIdentity).agentId ?? '';
    this.logger.info({ agentId }, 'Maestro bridge connected');
    socket.on(bridgeMessages.envelope, (message: unknown, ack: unknown) =>
      this.#receive(agentId, message, ack, () => this.#onEnvelope(agentId, message)),
    );
    socket.on(bridgeMessages.invalid, (message: unknown, ack: unknown) =>
      this.#receive(agentId, message, ack, () => this.#onInvalid(agentId, message)),
    );
    socket.on(bridgeMessages.report, (report: unknown) => this.#onReport(agentId, report));
    socket.on('disconnect', (reason) => this.logger.info({ agentId, reason }, 'Maestro bridge disconnected'));
  }

  /**
   * One forwarded message: handled, then acknowledged (the bridge sends it again until it is).
   * Whatever goes wrong with it is rejected input; the bridge's connection goes on.
   */
  #receive(agentId: string, message: unknown, ack: unknown, handle: () => void): void {
    let reply: EnvelopeAck = { ok: true };
    try {
      if (valueTooDeep(message, defaultMaxJsonDepth)) {
        const error = `nested deeper than ${defaultMaxJsonDepth} levels`;
        this.events.reject('maestro-bad-bridge-message', { agentId, error });
        reply = { ok: false, error };
      } else {
        handle();
        this.#noteTruncation(agentId, message);
      }
    } catch (error) {
      this.events.reject('maestro-bad-bridge-message', { agentId, error: describeError(error) });
      reply = { ok: false, error: 'the message could not be handled' };
    }
    if (typeof ack === 'function') ack(reply);
  }

  /** A message the bridge had to cut to forward it (e.g. a long chat transcript): counted and logged. */
  #noteTruncation(agentId: string, message: unknown): void {
    const truncated = truncatedOf(message);
    if (truncated === 0) return;
    this.events.reject('maestro-message-truncated', {
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
      this.events.reject('maestro-bad-bridge-message', { agentId, error: 'malformed drop report' });
      return;
    }
    this.events.reject('maestro-bridge-dropped', { agentId, dropped: parsed.dropped, error: parsed.reason });
  }

  #onEnvelope(agentId: string, message: unknown): void {
    const messageId = messageIdOf(message);
    if (!messageId) {
      this.events.reject('maestro-bad-bridge-message', { agentId });
      return;
    }
    const envelope = (message as { envelope?: unknown }).envelope;
    const context = { source: this.instance, now: new Date(this.clock.now()), agentId, messageId };
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
      this.events.reject('maestro-bad-bridge-message', { agentId });
      return;
    }
    const envelope = (message as { envelope?: unknown }).envelope;
    const context = { source: this.instance, now: new Date(this.clock.now()), agentId, messageId };
    this.#publish(mapInvalidEnvelope(envelope, reasonOf(message), issuesOf(message), context));
  }

  #publish(event: EventInput): void {
    this.events.publish(event).catch((error: unknown) => {
      this.logger.error(
        { err: describeError(error), eventId: event.id },
        'publishing a Maestro event failed',
      );
    });
  }
}
