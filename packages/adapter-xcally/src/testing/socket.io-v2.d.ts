/** The few parts of socket.io 2.x (installed as the npm alias `socket.io-v2`) the emulator uses. */
declare module 'socket.io-v2' {
  import type { Server as HttpServer } from 'node:http';

  interface V2ServerSocket {
    readonly id: string;
    readonly handshake: { readonly query: Record<string, string | undefined> };
    use(middleware: (packet: unknown[], next: (error?: Error) => void) => void): void;
    on(event: 'disconnect', listener: (reason: string) => void): void;
    /** With a function last, the client is asked to acknowledge; the function gets its answer. */
    emit(event: string, ...args: unknown[]): boolean;
  }
  interface V2Namespace {
    readonly connected: Record<string, V2ServerSocket>;
  }
  interface V2Server {
    readonly sockets: V2Namespace;
    use(middleware: (socket: V2ServerSocket, next: (error?: Error) => void) => void): V2Server;
    on(event: 'connection', listener: (socket: V2ServerSocket) => void): V2Server;
    emit(event: string, ...args: unknown[]): V2Server;
    close(callback?: () => void): void;
  }
  function createServer(server: HttpServer, options?: Record<string, unknown>): V2Server;
  export = createServer;
}
