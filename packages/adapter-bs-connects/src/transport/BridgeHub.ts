import {
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
  type RealtimeHost,
} from '@switchboard/core';
import type { Namespace, Socket } from 'socket.io';
import type { BsConnectsOptions } from '../BsConnectsOptions.js';
import type { BridgeAuth } from '../protocol/BridgeProtocol.js';
import { checkBridgeAuth } from './checkBridgeAuth.js';

/** A connected, authenticated bridge. */
export interface BridgeSocket {
  readonly id: string;
  readonly agentId: string;
  /** When the bridge connected (ms since epoch). */
  readonly since: number;
}

/** Where a socket connected from, for logs: its address and (browsers) its Origin header. */
const whereFrom = (socket: Socket) => ({
  address: socket.handshake.address,
  origin: socket.handshake.headers.origin,
});

/**
 * The instance's socket.io namespace (`/adapters/<instance>`): authenticates bridges with the key (and,
 * for browsers, their Origin against `origins`), puts each in its agent's room, and finds the bridge
 * that serves an agent. A second primary bridge of an agent from another address or origin is logged:
 * it may be someone using the key to pose as that agent.
 */
@injectable()
export class BridgeHub {
  #namespace: Namespace | undefined;

  constructor(
    @inject(InstanceTokens.Realtime) private readonly realtime: RealtimeHost,
    @inject(InstanceTokens.Options) private readonly options: BsConnectsOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
  ) {}

  /** Opens the namespace; `onBridge` gets every authenticated socket. */
  open(onBridge: (socket: Socket, auth: BridgeAuth) => void): void {
    const namespace = this.realtime.namespace({
      origins: this.options.origins,
      authenticate: (socket) => {
        const check = checkBridgeAuth(socket.handshake.auth, this.options.key);
        if (!check.ok || !this.#originAllowed(socket.handshake.headers.origin)) {
          const problem = check.ok ? 'origin not allowed' : check.reason;
          this.events.reject('bridge-refused', { problem, ...whereFrom(socket) });
          return undefined;
        }
        // Only the primary tab joins the agent's room: requests for the agent go to exactly one tab. A
        // bridge that reports a problem joins none.
        return check.auth.primary && check.auth.problem === undefined
          ? { agentId: check.auth.agentId, auth: check.auth }
          : { auth: check.auth };
      },
    });
    namespace.on('connection', (socket: Socket) => {
      const auth = (socket.data.identity as { auth: BridgeAuth }).auth;
      onBridge(socket, auth);
      if (auth.primary) this.#checkOtherPrimaries(socket, auth.agentId).catch(() => undefined);
    });
    this.#namespace = namespace;
  }

  /** A browser's Origin must be listed (unless `origins` is `*`); clients without one are not browsers. */
  #originAllowed(origin: string | undefined): boolean {
    const { origins } = this.options;
    if (origins === '*' || origin === undefined) return true;
    const given = origin.toLowerCase();
    return origins.some((allowed) => allowed.toLowerCase() === given);
  }

  /** Warns when the agent already has a primary bridge connected from another address or origin. */
  async #checkOtherPrimaries(socket: Socket, agentId: string): Promise<void> {
    const namespace = this.#namespace;
    if (!namespace) return;
    const here = whereFrom(socket);
    const others = (await namespace.in(this.realtime.agentRoom(agentId)).fetchSockets())
      .filter((s) => s.id !== socket.id)
      .map((s) => ({ address: s.handshake.address, origin: s.handshake.headers.origin }))
      .filter((o) => o.address !== here.address || o.origin !== here.origin);
    if (others.length === 0) return;
    this.logger.warn(
      { agentId, ...here, others },
      `a second primary bridge of agent ${agentId} connected from ${here.address} (origin ${here.origin ?? 'none'}) while one is connected from ${others.map((o) => `${o.address} (origin ${o.origin ?? 'none'})`).join(', ')}: if the agent is not working in two places, someone may be using the bridge key to pose as them`,
    );
  }

  /** The bridge that carries out requests for an agent: the most recently connected one. */
  async bridgeOf(agentId: string): Promise<BridgeSocket | undefined> {
    const namespace = this.#namespace;
    if (!namespace) return undefined;
    const sockets = await namespace.in(this.realtime.agentRoom(agentId)).fetchSockets();
    let newest: BridgeSocket | undefined;
    for (const s of sockets) {
      const since = s.handshake.issued;
      if (!newest || since >= newest.since) newest = { id: s.id, agentId, since };
    }
    return newest;
  }

  /** Sends one message to one socket and waits for its acknowledgement. */
  async ask(socketId: string, message: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const namespace = this.#namespace;
    if (!namespace) throw new Error('the bridge namespace is not open');
    const replies: unknown[] = await namespace.to(socketId).timeout(timeoutMs).emitWithAck(message, payload);
    if (replies.length === 0) throw new Error('the bridge disconnected before it answered');
    return replies[0];
  }

  /** Number of connected bridges. */
  get connected(): number {
    return this.#namespace?.sockets.size ?? 0;
  }

  close(): void {
    const namespace = this.#namespace;
    if (!namespace) return;
    namespace.disconnectSockets(true);
    namespace.removeAllListeners();
    this.#namespace = undefined;
    this.logger.debug('bridge namespace closed');
  }
}
