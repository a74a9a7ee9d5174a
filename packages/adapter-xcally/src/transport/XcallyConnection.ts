import {
  Backoff,
  type BackoffOptions,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
  sleep,
} from '@switchboard/core';
import type { XcallyCommand } from '../actions/buildCommand.js';
import type { CommandChannel } from '../actions/XcallyCommandExecutor.js';
import type { ProtocolChoice } from '../XcallyOptions.js';
import { createSocketClient } from './createSocketClient.js';
import { diagnoseConnectError } from './diagnoseConnectError.js';
import { type ProbeResult, type ProbeTarget, probeServer } from './probeServer.js';
import type { ClientTarget, SocketClient, SocketListeners } from './SocketClient.js';

export interface ConnectionSettings {
  readonly protocol: ProtocolChoice;
  readonly client: ClientTarget;
  readonly probe: ProbeTarget;
  readonly backoff: BackoffOptions;
  /** The server's address for logs (no query, no credentials). */
  readonly where: string;
  /** ms a connection must stay up before the backoff starts again from its first delay (tests shorten it). */
  readonly stableAfterMs?: number;
}

/**
 * How long a connection must stay up to count as a success that resets the backoff. A server that
 * accepts and at once drops the client (overloaded, refusing it after the handshake) must not be
 * reconnected to at the first, shortest delay over and over.
 */
export const stableConnectionMs = 30_000;

export type MessageHandler = (name: string, args: readonly unknown[]) => void;

/**
 * The one connection to xcally-realtime: picks the socket.io generation (probing when `auto`), makes
 * ONE client with its listeners registered once, and reconnects that same client with jittered
 * backoff after every loss or failed attempt. The backoff starts again from its first delay only once
 * a connection has stayed up for `stableConnectionMs`, so a server that drops every client right after
 * accepting it is retried at growing intervals. Reports state, logs losses, sends commands.
 */
@injectable()
export class XcallyConnection implements CommandChannel {
  #settings: ConnectionSettings | undefined;
  #onMessage: MessageHandler = () => undefined;
  #client: SocketClient | undefined;
  #backoff = new Backoff();
  #controller: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #endSession: (() => void) | undefined;
  #stableTimer: NodeJS.Timeout | undefined;
  readonly #listeners: SocketListeners;

  constructor(
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
  ) {
    this.#listeners = {
      connected: () => this.#connected(),
      disconnected: (reason) => this.#disconnected(reason),
      failed: (error) => void this.#failed(error),
      message: (name, args) => this.#onMessage(name, args),
    };
  }

  get connected(): boolean {
    return this.#client?.connected ?? false;
  }

  /** Starts connecting in the background; returns at once (the server may be away for a while). */
  start(settings: ConnectionSettings, onMessage: MessageHandler): void {
    this.#settings = settings;
    this.#onMessage = onMessage;
    this.#backoff = new Backoff(settings.backoff);
    this.#controller = new AbortController();
    this.#loop = this.#run(settings, this.#controller.signal);
  }

  async stop(): Promise<void> {
    this.#controller?.abort(new Error('stopped'));
    this.#clearStableTimer();
    this.#client?.close();
    this.#endSession?.();
    await this.#loop;
  }

  send(command: XcallyCommand): void {
    if (!this.#client?.connected) {
      const status = this.events.status;
      throw new Error(
        `not connected to xcally-realtime (${status.state}${status.detail ? `: ${status.detail}` : ''}); ${command.name} not sent`,
      );
    }
    this.#client.emit(command.name, command.payload);
  }

  async #run(settings: ConnectionSettings, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.#attempt(settings, signal);
      if (signal.aborted) break;
      const delay = this.#backoff.next();
      this.logger.info(
        { delayMs: delay, attempt: this.#backoff.attempt },
        `reconnecting to xcally-realtime in ${delay} ms`,
      );
      await sleep(delay, signal).catch(() => undefined);
    }
  }

  /** One connection attempt; resolves when the session it opened has ended (or never opened). */
  async #attempt(settings: ConnectionSettings, signal: AbortSignal): Promise<void> {
    this.events.setState('connecting', settings.where);
    const client = this.#client ?? (await this.#makeClient(settings));
    if (!client || signal.aborted) return;
    const ended = new Promise<void>((resolve) => {
      this.#endSession = resolve;
    });
    // Both clients time out by themselves (`timeout`); this guard covers a namespace that never answers.
    const guard = setTimeout(() => {
      if (client.connected) return;
      client.close();
      void this.#failed(new Error(`no connection within ${settings.client.timeoutMs * 2} ms`));
    }, settings.client.timeoutMs * 2);
    client.connect();
    await ended;
    clearTimeout(guard);
  }

  async #makeClient(settings: ConnectionSettings): Promise<SocketClient | undefined> {
    let generation = settings.protocol;
    if (generation === 'auto') {
      const probe = await this.#probe(settings);
      if (!probe) return undefined;
      if (!probe.ok) {
        this.#report(diagnoseConnectError(probe, undefined, '', settings.where));
        return undefined;
      }
      generation = probe.generation;
      this.logger.info(
        { protocol: generation },
        `xcally-realtime speaks the socket.io ${generation === 'v2' ? '1.x/2.x' : '3.x/4.x'} protocol: using the ${generation} client`,
      );
    }
    this.#client = createSocketClient(generation, settings.client, this.#listeners);
    return this.#client;
  }

  #connected(): void {
    this.#clearStableTimer();
    const backoff = this.#backoff;
    this.#stableTimer = setTimeout(() => {
      this.#stableTimer = undefined;
      backoff.reset();
    }, this.#settings?.stableAfterMs ?? stableConnectionMs);
    this.#stableTimer.unref?.();
    const generation = this.#client?.generation;
    this.logger.info({ protocol: generation }, `connected to xcally-realtime at ${this.#settings?.where}`);
    this.events.setState('connected', `${this.#settings?.where} (socket.io ${generation})`);
  }

  #disconnected(reason: string): void {
    this.#clearStableTimer();
    const end = this.#takeSession();
    if (this.#controller?.signal.aborted) {
      this.logger.info({ reason }, 'disconnected from xcally-realtime');
      end?.();
      return;
    }
    this.logger.warn({ reason }, `lost the connection to xcally-realtime: ${reason}`);
    this.events.setState('disconnected', `connection lost: ${reason}`);
    end?.();
  }

  async #failed(error: Error): Promise<void> {
    const end = this.#takeSession();
    if (!end) return;
    const settings = this.#settings as ConnectionSettings;
    const probe = await this.#probe(settings);
    if (probe)
      this.#report(diagnoseConnectError(probe, this.#client?.generation, error.message, settings.where));
    end();
  }

  /** The handshake probe, given up (undefined) as soon as the connection is stopped. */
  async #probe(settings: ConnectionSettings): Promise<ProbeResult | undefined> {
    const signal = this.#controller?.signal;
    if (!signal || signal.aborted) return undefined;
    const result = await probeServer(settings.probe, signal);
    return signal.aborted ? undefined : result;
  }

  #report(diagnosis: { message: string; state: 'failed' | 'disconnected' }): void {
    if (diagnosis.state === 'failed') this.logger.error(diagnosis.message);
    else this.logger.warn(diagnosis.message);
    this.events.setState(diagnosis.state, diagnosis.message);
  }

  /** The connection ended before it counted as stable: the backoff keeps growing. */
  #clearStableTimer(): void {
    clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
  }

  #takeSession(): (() => void) | undefined {
    const end = this.#endSession;
    this.#endSession = undefined;
    return end;
  }
}
