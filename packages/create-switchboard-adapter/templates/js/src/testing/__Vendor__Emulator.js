import { createServer } from 'node:http';
import { isRecord, sameSecret } from '@switchboard/core';
import { WebSocketServer } from 'ws';

/**
 * An emulator of the __Vendor__ event stream: a WebSocket server on 127.0.0.1 that sends the frames a test
 * gives it (`emit`) to every client and records the commands they send (`received`). It imports nothing
 * of the adapter, so the tests check the adapter against the protocol, not against itself.
 */
export class __Vendor__Emulator {
  /** Every command received, in order (frames that are no JSON object with a `command` go to `invalid`). */
  received = [];
  invalid = [];
  #token;
  #wss = new WebSocketServer({ noServer: true, maxPayload: 65_536 });
  #sockets = new Set();
  #waiters = new Set();
  #server;
  #port = 0;
  #closed = false;

  constructor(options) {
    this.#token = options.token;
  }

  /**
   * @param {{ port?: number, token?: string }} [options] port 0 (default) picks a free one; with `token`, a
   *   client must send `Authorization: Bearer <token>` (others get HTTP 401)
   */
  static async start(options = {}) {
    const emulator = new __Vendor__Emulator(options);
    await emulator.#listen(options.port ?? 0);
    return emulator;
  }

  /** What an instance's `url` option points at. */
  get url() {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** Clients connected now. */
  get clients() {
    return this.#wss.clients.size;
  }

  /** Sends one frame (an object is sent as JSON) to every connected client; returns how many got it. */
  emit(frame) {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const client of this.#wss.clients) client.send(text);
    return this.#wss.clients.size;
  }

  /** Resolves once `count` clients are connected. */
  async waitForClients(count = 1, timeoutMs = 10_000) {
    await this.#until(() => (this.clients >= count ? true : undefined), `${count} client(s)`, timeoutMs);
  }

  /** Resolves with the first `count` commands received, once there are that many. */
  waitForCommands(count, timeoutMs = 10_000) {
    return this.#until(
      () => (this.received.length >= count ? this.received.slice(0, count) : undefined),
      `${count} command(s)`,
      timeoutMs,
    );
  }

  /** Cuts every TCP connection and keeps listening (a network drop). */
  drop() {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Stops listening and cuts every connection, without a goodbye (a crash). */
  async kill() {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    const closed = new Promise((resolve) => server.close(() => resolve()));
    this.drop();
    await closed;
  }

  /** Listens again on the same port after `kill()`. */
  async restart() {
    if (this.#server) return;
    await this.#listen(this.#port);
  }

  /** Stops for good; a second call does nothing. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await this.kill();
    this.#wss.close();
    for (const wake of this.#waiters) wake();
  }

  async #listen(port) {
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
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#port = server.address().port;
    this.#server = server;
  }

  #accept(client) {
    client.on('message', (data, isBinary) => {
      const text = data.toString();
      let command;
      try {
        command = isBinary ? undefined : JSON.parse(text);
      } catch {
        command = undefined;
      }
      if (isRecord(command) && typeof command.command === 'string') this.received.push(command);
      else this.invalid.push(text);
      this.#changed();
    });
    client.on('close', () => this.#changed());
    this.#changed();
  }

  #changed() {
    for (const wake of [...this.#waiters]) wake();
  }

  #until(check, what, timeoutMs) {
    return new Promise((resolve, reject) => {
      const wake = () => {
        const value = check();
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.#closed) {
          finish();
          reject(new Error(`the emulator closed while waiting for ${what}`));
        }
      };
      const finish = () => {
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
