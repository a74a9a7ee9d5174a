/** The few parts of socket.io-client 2.x (installed as the npm alias `socket.io-client-v2`) the adapter uses. */
declare module 'socket.io-client-v2' {
  interface V2Packet {
    readonly type: number;
    readonly data?: unknown[];
    readonly id?: number;
  }
  interface V2Socket {
    readonly connected: boolean;
    /** The Manager; its `engine` is the Engine.IO socket of the current connection. */
    readonly io: { readonly engine: unknown };
    on(event: string, listener: (...args: never[]) => void): V2Socket;
    emit(event: string, ...args: unknown[]): V2Socket;
    open(): V2Socket;
    close(): V2Socket;
    onevent(packet: V2Packet): void;
    ack(id: number): (...args: unknown[]) => void;
  }
  function lookup(uri: string, options?: Record<string, unknown>): V2Socket;
  export = lookup;
}
