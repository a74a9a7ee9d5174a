import type { OriginList } from '../origins/OriginPolicy.js';

/**
 * Browser bridges run by core: agents' browsers (a page of the vendor's agent desktop) connect to the
 * instance's socket.io namespace `/adapters/<instance>`. Core checks the page's origin, asks the adapter
 * to authenticate, keeps one room per address (an agent), and sends asks to the newest bridge of an
 * address with an acknowledgement and a timeout.
 */
export interface BridgeHost {
  /** Once per instance, during `start()`: opens the namespace `/adapters/<instance>`. */
  open<I extends BridgeIdentity>(spec: BridgeSpec<I>): BridgeService<I>;
}

/** Who a connecting bridge is, once authenticated. */
export interface BridgeIdentity {
  /** The agent the bridge belongs to; asks for this agent go to its newest bridge. */
  readonly agentId?: string;
  readonly [key: string]: unknown;
}

export interface BridgeHandshake {
  /** `socket.handshake.auth`: what the bridge sent, untrusted. */
  readonly auth: Readonly<Record<string, unknown>>;
  /** The page's origin, already allowed by `origins`. */
  readonly origin: string;
  /** The remote IP address. */
  readonly address: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A refused bridge: counted as `reject('bridge-refused', { problem })` and told `unauthorized`. */
export interface BridgeRefusal {
  readonly refuse: string;
}

export interface BridgeSpec<I extends BridgeIdentity> {
  /** Page origins allowed to connect (the adapter's option): scheme, host and port; `*` for any. */
  readonly origins: OriginList;
  authenticate(handshake: BridgeHandshake): I | BridgeRefusal | Promise<I | BridgeRefusal>;
  /** The address asks go to: default `identity.agentId`; undefined = not addressable (a secondary tab). */
  addressOf?(identity: I): string | undefined;
  /** Each connected bridge, after it joined its address's room: listen to its messages here. */
  connected?(bridge: BridgeConnection<I>): void;
  /**
   * Whether the connected bridges keep the instance from working (one reported that it cannot work with
   * the vendor's page, say): a detail shown as state `failed`, not ready, for as long as it lasts; else
   * undefined, and the state is `listening` with the counts. Asked on every connect and close.
   */
  failure?(identities: readonly I[]): string | undefined;
}

/** One connected bridge, as `connected` gets it. */
export interface BridgeConnection<I> {
  readonly id: string;
  readonly identity: I;
  readonly address: string | undefined;
  /** When it connected (ms since the epoch). */
  readonly since: number;
  readonly origin: string;
  readonly remoteAddress: string;
  /**
   * Handles a message from the bridge. When the bridge asked for an acknowledgement, the handler's result
   * is the reply; a handler that throws is logged and replies `{ ok: false, error: 'internal error' }`.
   */
  on(message: string, handler: (payload: unknown) => unknown): void;
  emit(message: string, payload: unknown): void;
  /** Every message the bridge sends, by name, whether or not a handler takes it (to count unknown ones). */
  onAny(listener: (message: string) => void): void;
  onClose(listener: (reason: string) => void): void;
}

/** A connected bridge as `newest` and `bridgesOf` describe it. */
export interface BridgeRef {
  readonly id: string;
  readonly address: string;
  readonly since: number;
  readonly origin: string | undefined;
  readonly remoteAddress: string;
}

export interface BridgeService<I> {
  /**
   * Sends `message` to the newest bridge of `address` and resolves with its acknowledgement. Throws
   * `SWB_BRIDGE_NONE` (no bridge), `SWB_BRIDGE_TIMEOUT` (no acknowledgement in time) or
   * `SWB_BRIDGE_GONE` (it disconnected first).
   */
  ask<T = unknown>(
    address: string,
    message: string,
    payload: unknown,
    options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
  ): Promise<T>;
  /** The bridge asks for `address` go to: the one connected last. */
  newest(address: string): Promise<BridgeRef | undefined>;
  /** Every bridge of `address`. */
  bridgesOf(address: string): Promise<readonly BridgeRef[]>;
  /** On this node: connected bridges, and addresses with at least one. */
  readonly counts: { readonly bridges: number; readonly addresses: number };
  /** The identities of this node's bridges of `address` (the newest last). */
  identitiesOf(address: string): readonly I[];
}
