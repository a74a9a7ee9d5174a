import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isRecord, sameSecret } from '@switchboard/core';
import { type WebSocket, WebSocketServer } from 'ws';

export interface __Vendor__EmulatorOptions {
  /** Port to listen on, on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** When set, a client must send `Authorization: Bearer <token>`; others get HTTP 401. */
  readonly token?: string;
}

/** A command a client sent, as the emulator received it. */
export type ReceivedCommand = Readonly<{ command: string } & Record<string, unknown>>;

/**
 * An emulator of the __Vendor__ event stream: a WebSocket server on 127.0.0.1 that sends the frames a test
 * gives it (`emit`) to every client and records the commands they send (`received`). It imports nothing
 * of the adapter, so the tests check the adapter against the protocol, not against itself.
 */
export class __Vendor__Emulator {
  /** Every command received, in order (frames that are no JSON object with a `command` go to `invalid`). */
  readonly received: ReceivedCommand[] = [];
  readonly invalid: string[] = [];
  readonly #token: string | undefined;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 65_536 });
  readonly #sockets = new Set<Socket>();
  readonly #waiters = new Set<() => void>();
  #server: Server | undefined;
  #port = 0;
  #closed = false;

  private constructor(options: __Vendor__EmulatorOptions) {
    this.#token = options.token;
  }

  static async start(options: __Vendor__EmulatorOptions = {}): Promise<__Vendor__Emulator> {
    const emulator = new __Vendor__Emulator(options);
    await emulator.#listen(options.port ?? 0);
    return emulator;
  }

  /** What an instance's `url` option points at. */
  get url(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** Clients connected now. */
  get clients(): number {
    return this.#wss.clients.size;
  }

  /** Sends one frame (an object is sent as JSON) to every connected client; returns how many got it. */
  emit(frame: Readonly<Record<string, unknown>> | string): number {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const client of this.#wss.clients) client.send(text);
    return this.#wss.clients.size;
  }

  /** Resolves once `count` clients are connected. */
  waitForClients(count = 1, timeoutMs = 10_000): Promise<void> {
    return this.#until(
      () => (this.clients >= count ? true : undefined),
      `${count} client(s)`,
      timeoutMs,
    ).then(() => undefined);
  }

  /** Resolves with the first `count` commands received, once there are that many. */
  waitForCommands(count: number, timeoutMs = 10_000): Promise<ReceivedCommand[]> {
    return this.#until(
      () => (this.received.length >= count ? this.received.slice(0, count) : undefined),
      `${count} command(s)`,
      timeoutMs,
    );
  }

  /** Cuts every TCP connection and keeps listening (a network drop). */
  drop(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Stops listening and cuts every connection, without a goodbye (a crash). */
  async kill(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.drop();
    await closed;
  }

  /** Listens again on the same port after `kill()`. */
  async restart(): Promise<void> {
    if (this.#server) return;
    await this.#listen(this.#port);
  }

  /** Stops for good; a second call does nothing. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.kill();
    this.#wss.close();
    for (const wake of this.#waiters) wake();
  }

  async #listen(port: number): Promise<void> {
    const server = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' }).end('this server speaks WebSocket only\n');
    });
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    server.on('upgrade', (request, socket, head) => {
      const given = request.headers.authorization ?? '';
      if (this.#token !== undefined && !sameSecret(given, `Bearer ${this.#token}`)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (client) => this.#accept(client));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  #accept(client: WebSocket): void {
    client.on('message', (data, isBinary) => {
      const text = data.toString();
      let command: unknown;
      try {
        command = isBinary ? undefined : JSON.parse(text);
      } catch {
        command = undefined;
      }
      if (isRecord(command) && typeof command.command === 'string')
        this.received.push(command as ReceivedCommand);
      else this.invalid.push(text);
      this.#changed();
    });
    client.on('close', () => this.#changed());
    this.#changed();
  }

  #changed(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  #until<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const wake = (): void => {
        const value = check();
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.#closed) {
          finish();
          reject(new Error(`the emulator closed while waiting for ${what}`));
        }
      };
      const finish = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} within ${timeoutMs} ms (received: ${JSON.stringify(this.received)})`));
      }, timeoutMs);
      this.#waiters.add(wake);
      wake();
    });
  }
}
