/**
 * Types of the browser half of the bridge. The classes in this folder run in the agent's browser: the
 * generator inlines their source, so they must not use anything from module scope (type imports only).
 */

/** What every Integration API request resolves to (some versions resolve `isPrimaryTab` to a bare boolean). */
export interface CilResult {
  readonly success?: boolean;
  readonly response?: unknown;
  readonly error?: unknown;
}

/**
 * The Integration API as far as the bridge uses it: the `ConnectsIntegrationLibrary` global itself, or
 * the object the library hands to the `initIntegration` callback.
 */
export interface CilLibrary {
  [member: string]: unknown;
}

/** The `ConnectsIntegrationLibrary` global: `initIntegration(callback)` calls back once the API is ready. */
export interface CilLoader extends CilLibrary {
  initIntegration?: (callback: (api?: unknown, error?: unknown) => void) => void;
}

/** The part of `sessionStorage` the bridge uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Claims a `beforeDial` for this tab against the copies in the agent's other tabs (`DialClaims`). */
export interface DialClaimer {
  /** Resolves to the claim's release, or undefined when another tab handles this dial. */
  claim(number: string): Promise<(() => void) | undefined>;
  /** Dials this tab is handling, or holds the claim of. */
  readonly held: number;
}

/** One `dialOrConsult` the tab made for a `beforeDial`, as reported to the daemon. */
export interface Attempt {
  readonly phoneNumber: string;
  readonly success: boolean;
  readonly error?: string;
}

/** The part of a socket.io client socket the bridge uses. */
export interface SocketLike {
  readonly connected: boolean;
  readonly active: boolean;
  auth: unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  connect(): unknown;
  disconnect(): unknown;
}

export type BridgeRole = 'unknown' | 'primary' | 'secondary';

export type BridgeState =
  | 'starting'
  | 'identifying'
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'refused'
  | 'failed';

/** What the bridge shows about itself (`window.switchboardBridge`, the page's status line). */
export interface BridgeStatus {
  readonly state: BridgeState;
  readonly role: BridgeRole;
  readonly agentId?: string;
  /** Events waiting to be delivered. */
  readonly queued: number;
  /** Events delivered to the daemon. */
  readonly delivered: number;
  /** Requests received from the daemon. */
  readonly requests: number;
  /**
   * Requests answered with the answer of an earlier one with the same key, instead of being made again:
   * the daemon restarted before it heard the first answer.
   */
  readonly repeated: number;
  /** `beforeDial`s this tab is handling, or holds against copies in the agent's other tabs. */
  readonly dialing: number;
  readonly lastError?: string;
}

/** The settings baked into the web resource. */
export interface BridgeSettings {
  /** socket.io namespace URL: `<daemon>/adapters/<instance>`. */
  readonly namespaceUrl: string;
  readonly key: string;
  readonly channelId: string;
  readonly bridgeVersion: string;
  /** Events kept while the daemon is away; the oldest are dropped (and reported) beyond it. */
  readonly maxQueuedEvents: number;
  /** Events older than this when they could be sent are dropped (and reported): a late screen-pop helps nobody. */
  readonly maxEventAgeMs: number;
  /** How often a tab asks `isPrimaryTab` again (a closed primary tab hands over to another). */
  readonly primaryCheckMs: number;
  /** Wait before asking `getChannel` again, or re-sending an event the daemon did not acknowledge. */
  readonly retryMs: number;
  /** Wait before trying again after the daemon refused the key (it may have been rotated meanwhile). */
  readonly refusedRetryMs: number;
  readonly ackTimeoutMs: number;
  /** Longest wait between reconnection attempts while the daemon is away. */
  readonly reconnectDelayMaxMs: number;
}

/** One raised event waiting in the outbox. */
export interface OutboxEntry {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
  readonly raisedAt: string;
  /** ms since epoch when it was raised. */
  readonly at: number;
}

export interface OutboxReport {
  readonly dropped: number;
  readonly reason: string;
}
