/** socket.io protocol generation: `v2` = socket.io 1.x/2.x (Engine.IO 3), `v4` = socket.io 3.x/4.x (Engine.IO 4). */
export type SocketGeneration = 'v2' | 'v4';

/** Where and how to connect, the same for both client generations. */
export interface ClientTarget {
  /** Server URL with the namespace, e.g. `https://localhost:8888` or `https://host:8888/cti`. */
  readonly url: string;
  readonly path: string;
  readonly transports: readonly string[];
  readonly query: Readonly<Record<string, string>>;
  /** v4 only: the CONNECT packet's auth payload. */
  readonly auth: Readonly<Record<string, unknown>>;
  readonly extraHeaders: Readonly<Record<string, string>>;
  readonly ca?: string;
  readonly rejectUnauthorized: boolean;
  readonly timeoutMs: number;
  /** How long a command may take to be written (`confirmTimeoutMs`). */
  readonly confirmTimeoutMs: number;
}

/** Called by a client; registered once when the client is made, never again on reconnects. */
export interface SocketListeners {
  connected(): void;
  disconnected(reason: string): void;
  /** A connection attempt failed (transport error, timeout, namespace refused). */
  failed(error: Error): void;
  /** Any event the server emits, with its arguments (an ack callback last, when the server asked for one). */
  message(name: string, args: readonly unknown[]): void;
}

/**
 * One socket.io client of either generation, with its own reconnection turned off: the caller
 * reconnects with `connect()` on the same object, so listeners never pile up.
 */
export interface SocketClient {
  readonly generation: SocketGeneration;
  readonly connected: boolean;
  connect(): void;
  /** Closes at once (an attempt being abandoned): what is still buffered is dropped. */
  close(): void;
  /** Waits (at most `confirmTimeoutMs`) until what was emitted has been written, then closes. */
  closeGracefully(): Promise<void>;
  /**
   * Emits at once and resolves when the transport confirms the packet was written (polling: the POST
   * carrying it was answered; websocket: it was handed to the socket); rejects with `PacketNotWritten`.
   */
  emit(name: string, payload: unknown): Promise<void>;
}
