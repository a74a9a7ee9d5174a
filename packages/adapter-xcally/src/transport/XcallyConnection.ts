import {
  AdapterContext,
  type BackoffOptions,
  ConnectionError,
  inject,
  injectable,
  type RunningConnection,
} from '@switchboard/core';
import type { XcallyCommand } from '../actions/buildCommand.js';
import { xcallyErrors } from '../errors.js';
import type { ProtocolChoice, XcallyContext } from '../options.js';
import { PacketNotWritten } from './confirmWritten.js';
import { createSocketClient } from './createSocketClient.js';
import { diagnoseConnectError } from './diagnoseConnectError.js';
import { type ProbeTarget, probeServer } from './probeServer.js';
import type { ClientTarget, SocketClient, SocketListeners } from './SocketClient.js';
import { XcallyInbound } from './XcallyInbound.js';
import { XcallySession } from './XcallySession.js';

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

/** What the listeners of the one client report to: the attempt being made, then its session. */
interface Attempt {
  connected(): void;
  failed(error: Error): void;
}

/**
 * The connection to xcally-realtime, as core runs it (`ctx.connections`): each `connect` picks the
 * socket.io generation (probing when `auto`, once), makes ONE client with its listeners registered once
 * and connects that same client again on every attempt, so listeners never pile up. A failed attempt
 * is diagnosed with a handshake probe (socket.io clients only say `xhr poll error`). Core owns the loop,
 * the backoff, the state and the logs.
 */
@injectable()
export class XcallyConnection {
  #running: RunningConnection<XcallySession> | undefined;
  #client: SocketClient | undefined;
  #attempt: Attempt | undefined;
  #session: XcallySession | undefined;
  readonly #listeners: SocketListeners;

  constructor(
    @inject(AdapterContext) private readonly ctx: XcallyContext,
    @inject(XcallyInbound) inbound: XcallyInbound,
  ) {
    this.#listeners = {
      connected: () => this.#attempt?.connected(),
      disconnected: (reason) => this.#session?.end(reason),
      failed: (error) => this.#attempt?.failed(error),
      message: (name, args) => inbound.handle(name, args),
    };
  }

  /** Starts connecting in the background; returns at once (the server may be away for a while). */
  start(settings: ConnectionSettings): void {
    this.#running = this.ctx.connections.run({
      target: `xcally-realtime at ${settings.where}`,
      // xcally-realtime replays nothing: with several nodes, the standbys listen too and hold what they hear,
      // so a takeover loses none of the events sent while the holder was dying.
      standby: 'warm',
      backoff: settings.backoff,
      ...(settings.stableAfterMs !== undefined ? { stableAfterMs: settings.stableAfterMs } : {}),
      connect: (signal) => this.#connect(settings, signal),
    });
  }

  /**
   * Sends at once and resolves when the transport confirmed it was written; throws `XC_NOT_CONNECTED`
   * while disconnected (a late popup is worse than a failed action) and `XC_NOT_CONFIRMED` when the
   * write was not confirmed (it may or may not have arrived).
   */
  async send(command: XcallyCommand): Promise<void> {
    const session = this.#running?.session;
    if (!session?.open) {
      const status = this.ctx.events.status;
      throw xcallyErrors.error(
        'XC_NOT_CONNECTED',
        `not connected to xcally-realtime (${status.state}${status.detail ? `: ${status.detail}` : ''}); ${command.name} not sent`,
      );
    }
    try {
      await session.send(command);
    } catch (error) {
      if (!(error instanceof PacketNotWritten)) throw error;
      if (error.why.kind === 'buffered') {
        throw xcallyErrors.error(
          'XC_NOT_CONNECTED',
          `not connected to xcally-realtime (the connection is closing); ${command.name} not sent`,
        );
      }
      throw xcallyErrors.error(
        'XC_NOT_CONFIRMED',
        `${command.name} was emitted but not confirmed: ${error.message}; it may or may not have reached xcally-realtime`,
        { cause: error },
      );
    }
  }

  async #connect(settings: ConnectionSettings, signal: AbortSignal): Promise<XcallySession> {
    const client = this.#client ?? (await this.#makeClient(settings, signal));
    return new Promise<XcallySession>((resolve, reject) => {
      let settled = false;
      const done = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(guard);
        signal.removeEventListener('abort', abort);
        this.#attempt = undefined;
        return true;
      };
      const abort = (): void => {
        if (!done()) return;
        client.close();
        reject(signal.reason);
      };
      this.#attempt = {
        connected: () => {
          if (!done()) return;
          const session = new XcallySession(client, () => {
            if (this.#session === session) this.#session = undefined;
          });
          this.#session = session;
          resolve(session);
        },
        failed: (error) => {
          if (!done()) return;
          this.#diagnose(settings, client, error, signal).then(reject, reject);
        },
      };
      // Both clients time out by themselves (`timeout`); this guard covers a namespace that never answers.
      const guard = setTimeout(() => {
        if (client.connected) return;
        client.close();
        this.#attempt?.failed(new Error(`no connection within ${settings.client.timeoutMs * 2} ms`));
      }, settings.client.timeoutMs * 2);
      signal.addEventListener('abort', abort, { once: true });
      if (signal.aborted) abort();
      else client.connect();
    });
  }

  /** Probes the server when `protocol: auto`, then makes the one client. */
  async #makeClient(settings: ConnectionSettings, signal: AbortSignal): Promise<SocketClient> {
    let generation = settings.protocol;
    if (generation === 'auto') {
      const probe = await probeServer(settings.probe, signal);
      signal.throwIfAborted();
      if (!probe.ok) throw failure(diagnoseConnectError(probe, undefined, '', settings.where));
      generation = probe.generation;
      this.ctx.logger.info(
        { protocol: generation },
        `xcally-realtime speaks the socket.io ${generation === 'v2' ? '1.x/2.x' : '3.x/4.x'} protocol: using the ${generation} client`,
      );
    }
    this.#client = createSocketClient(generation, settings.client, this.#listeners);
    return this.#client;
  }

  /** The reason an attempt failed, found with a handshake probe that uses the same TLS settings. */
  async #diagnose(
    settings: ConnectionSettings,
    client: SocketClient,
    error: Error,
    signal: AbortSignal,
  ): Promise<never> {
    const probe = await probeServer(settings.probe, signal);
    signal.throwIfAborted();
    throw failure(diagnoseConnectError(probe, client.generation, error.message, settings.where));
  }
}

/** A diagnosis as the error core's loop understands: `failed` for what a person must fix. */
function failure(diagnosis: ReturnType<typeof diagnoseConnectError>): ConnectionError {
  return ConnectionError.notConnected(diagnosis.message, { code: diagnosis.code, report: diagnosis.state });
}
