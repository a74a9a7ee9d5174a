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

/**
 * The instance's socket.io namespace (`/adapters/<instance>`): authenticates bridges with the key, puts
 * each in its agent's room, and finds the bridge that serves an agent.
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
        if (!check.ok) {
          this.events.reject('bridge-refused', {
            problem: check.reason,
            address: socket.handshake.address,
            origin: socket.handshake.headers.origin,
          });
          return undefined;
        }
        // Only the primary tab joins the agent's room: requests for the agent go to exactly one tab.
        return check.auth.primary ? { agentId: check.auth.agentId, auth: check.auth } : { auth: check.auth };
      },
    });
    namespace.on('connection', (socket: Socket) => {
      const auth = (socket.data.identity as { auth: BridgeAuth }).auth;
      onBridge(socket, auth);
    });
    this.#namespace = namespace;
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
