import type { Namespace, Socket } from 'socket.io';

/** Who a connecting browser bridge is, once authenticated. */
export interface BridgeIdentity {
  /** Agent the bridge belongs to; actions for this agent go to its sockets only. */
  readonly agentId?: string;
  readonly [key: string]: unknown;
}

export interface RealtimeNamespaceOptions {
  /**
   * Browser origins allowed to connect, e.g. the Dynamics 365 host; `'*'` allows any. Checked on every
   * connection of this namespace (WebSocket included) and used for CORS. Authentication is still required.
   */
  readonly origins?: readonly string[] | '*';
  /**
   * Checks a connecting bridge (`socket.handshake.auth`, headers, origin). Return its identity, or
   * undefined to refuse it (the client gets a `connect_error` "unauthorized").
   */
  authenticate(socket: Socket): BridgeIdentity | undefined | Promise<BridgeIdentity | undefined>;
}

/**
 * socket.io for browser bridges (8x8 Maestro, b+s Connects): agents' browsers connect in. One
 * namespace per instance (`/adapters/<instance>`); an authenticated socket joins the room of its agent.
 */
export interface RealtimeHost {
  namespace(options: RealtimeNamespaceOptions): Namespace;
  /** Room name of an agent, for `namespace.to(agentRoom(id))`. */
  agentRoom(agentId: string): string;
}
