import type { Namespace, Socket } from 'socket.io';
import type { BridgeIdentity } from '../contract/Bridge.js';

export type { BridgeIdentity };

export interface RealtimeNamespaceOptions {
  /**
   * Browser origins allowed to connect, e.g. the CRM's host; `'*'` allows any. Checked on every
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
 * @deprecated Use `ctx.bridges.open(spec)` (`BridgeHost`): core checks origins, authenticates, keeps
 * rooms and asks the newest bridge. Removed in core 2.0.
 *
 * socket.io for browser bridges: agents' browsers connect in. One
 * namespace per instance (`/adapters/<instance>`); an authenticated socket joins the room of its agent.
 */
export interface RealtimeHost {
  namespace(options: RealtimeNamespaceOptions): Namespace;
  /** Room name of an agent, for `namespace.to(agentRoom(id))`. */
  agentRoom(agentId: string): string;
}
