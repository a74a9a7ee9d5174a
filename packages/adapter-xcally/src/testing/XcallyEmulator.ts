import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { isRecord, sleep } from '@switchboard/core';
import { type EmittedEvent, EmittedLog } from './EmittedLog.js';
import type { EmulatorScenario, ScenarioStep } from './EmulatorScenario.js';
import {
  attachSocketServer,
  type EmulatorProfile,
  type EmulatorSocketServer,
} from './EmulatorSocketServer.js';
import { type ReceivedCommand, ReceivedLog } from './ReceivedLog.js';

export interface XcallyEmulatorOptions {
  /** socket.io generation: `v2` (default, as xcally-realtime most likely runs) or `v4`. */
  readonly profile?: EmulatorProfile;
  readonly host?: string;
  /** 0 (default) picks a free port on start; `restart()` reuses the port. */
  readonly port?: number;
  readonly path?: string;
  /** Serve HTTPS with this key and certificate (PEM), e.g. from `generateSelfSignedCertificate()`. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** v4 profile: also accept socket.io 2.x clients. */
  readonly allowEIO3?: boolean;
  /** Require this `token` in the handshake (query, or the v4 auth payload). */
  readonly token?: string;
  /**
   * Ask every client to acknowledge every event, and count who did (`emitted()`): the only way a server
   * knows a client received an event. Off by default (template.js's events ask for none).
   */
  readonly acks?: boolean;
}

export interface PlayOptions {
  /** Time factor: 2 plays twice as fast. */
  readonly speed?: number;
  readonly signal?: AbortSignal;
  /** Called after each step was sent, with how many clients got it. */
  readonly onStep?: (step: ScenarioStep, clients: number) => void;
}

/**
 * A stand-in for xcally-realtime: a socket.io 2.x or 4.x server that sends xCALLY events (one by one or
 * from a scenario) and records every command clients send (AgentCTI, AgentCTINotification,
 * RealtimeCTI). `await XcallyEmulator.start(options)` listens; `drop()` cuts the clients' connections
 * (it keeps listening), `kill()` stops listening without a goodbye, `restart()` listens again on the
 * same port, `close()` stops gracefully.
 */
export class XcallyEmulator {
  readonly profile: EmulatorProfile;
  readonly #options: XcallyEmulatorOptions;
  readonly #log = new ReceivedLog();
  readonly #emitted = new EmittedLog();
  readonly #connections = new Set<Socket>();
  #io: EmulatorSocketServer | undefined;
  #port: number;

  /** Listens (on a free port unless `options.port` says otherwise); resolves once clients can connect. */
  static async start(options: XcallyEmulatorOptions = {}): Promise<XcallyEmulator> {
    const emulator = new XcallyEmulator(options);
    await emulator.#listen();
    return emulator;
  }

  private constructor(options: XcallyEmulatorOptions) {
    this.#options = options;
    this.profile = options.profile ?? 'v2';
    this.#port = options.port ?? 0;
  }

  get running(): boolean {
    return this.#io !== undefined;
  }

  get port(): number {
    return this.#port;
  }

  /** `http(s)://host:port`, once started. */
  get url(): string {
    if (this.#port === 0) throw new Error('the emulator has not been started');
    return `${this.#options.tls ? 'https' : 'http'}://${this.#options.host ?? '127.0.0.1'}:${this.#port}`;
  }

  get clientCount(): number {
    return this.#io?.clientCount ?? 0;
  }

  /** Every command received so far (across restarts), optionally of one name. */
  received(name?: string): ReceivedCommand[] {
    return this.#log.list(name);
  }

  /**
   * Every event sent so far (across restarts), with how many clients were connected and, with
   * `acks: true`, how many acknowledged it. Events sent while no client was connected reached nobody:
   * xcally-realtime keeps nothing for clients that connect later.
   */
  emitted(): EmittedEvent[] {
    return this.#emitted.list();
  }

  clearReceived(): void {
    this.#log.clear();
  }

  /** Calls `listener` for each command as it arrives; returns an unsubscribe function. */
  onCommand(listener: (command: ReceivedCommand) => void): () => void {
    return this.#log.subscribe(listener);
  }

  waitForCommands(name: string, count = 1, timeoutMs = 5000): Promise<ReceivedCommand[]> {
    return this.#log.waitFor(name, count, timeoutMs);
  }

  /**
   * Resolves once `count` clients have stayed connected for `stableMs` (a handshake probe, such as the
   * adapter's `protocol: auto`, connects for a moment only).
   */
  async waitForClients(count = 1, timeoutMs = 5000, stableMs = 200): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let since: number | undefined;
    for (;;) {
      const now = Date.now();
      since = this.clientCount >= count ? (since ?? now) : undefined;
      if (since !== undefined && now - since >= stableMs) return;
      if (now > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${count} client(s)`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Listens again on the same port after `kill()`; resolves to the URL. */
  restart(): Promise<string> {
    return this.#listen();
  }

  async #listen(): Promise<string> {
    if (this.#io) return this.url;
    const tls = this.#options.tls;
    const http = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }) : createHttpServer();
    http.on('connection', (socket: Socket) => {
      this.#connections.add(socket);
      socket.on('close', () => this.#connections.delete(socket));
    });
    const io = await attachSocketServer(
      this.profile,
      http,
      {
        path: this.#options.path ?? '/socket.io',
        allowEIO3: this.#options.allowEIO3 ?? false,
        ...(this.#options.token !== undefined ? { token: this.#options.token } : {}),
      },
      {
        connected: () => undefined,
        disconnected: () => undefined,
        command: (c, n, a) => this.#log.add(c, n, a),
      },
    );
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.#port, this.#options.host ?? '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
    this.#port = (http.address() as AddressInfo).port;
    this.#io = io;
    return this.url;
  }

  /** Stops listening like a crash: connections are cut with no socket.io goodbye (clients see a transport error). */
  async kill(): Promise<void> {
    const io = this.#io;
    if (!io) return;
    this.#io = undefined;
    this.drop();
    await io.close();
  }

  /** Stops listening, sending socket.io disconnects first; a second call does nothing. */
  async close(): Promise<void> {
    const io = this.#io;
    if (!io) return;
    this.#io = undefined;
    await io.close();
  }

  /** Cuts every client connection at the TCP level; the server keeps listening, clients reconnect. */
  drop(): void {
    for (const socket of this.#connections) socket.destroy();
    this.#connections.clear();
  }

  /**
   * Sends one xCALLY event to every client, under `name` (default: the payload's `event`); returns how
   * many clients were connected (recorded in `emitted()`, with the acknowledgements when `acks` is on).
   */
  emit(payload: unknown, name?: string): number {
    const io = this.#io;
    if (!io) throw new Error('the emulator is not running');
    const event =
      name ?? (isRecord(payload) && typeof payload.event === 'string' ? payload.event : undefined);
    if (event === undefined) throw new Error('give the event name: the payload has no `event`');
    const acks = this.#options.acks ?? false;
    let counted: (() => void) | undefined;
    const sentTo = io.broadcast(event, payload, acks ? () => counted?.() : undefined);
    counted = this.#emitted.add(event, payload, sentTo, acks);
    return sentTo;
  }

  /** Sends a scenario's steps in order, with their delays divided by `speed`; resolves to the count sent. */
  async play(scenario: EmulatorScenario, options: PlayOptions = {}): Promise<number> {
    const speed = options.speed ?? 1;
    let sent = 0;
    for (const step of scenario.steps) {
      if (step.delayMs > 0) await sleep(step.delayMs / speed, options.signal);
      options.signal?.throwIfAborted();
      const clients = this.emit(step.payload, step.name);
      options.onStep?.(step, clients);
      sent += 1;
    }
    return sent;
  }
}
