import type { Socket } from 'socket.io-client';
import { bridgeMessages } from '../transport/maestro/bridgeProtocol.js';
import type { MessageOutbox, OutboxMessage } from './MessageOutbox.js';

/** Where the bridge's connection to the daemon stands. */
export type LinkState = 'connecting' | 'connected' | 'disconnected' | 'refused' | 'closed';

/** What the bridge tells the page about itself (`bridge.status`, `onStatus`). */
export interface BridgeStatus {
  readonly state: LinkState;
  /** Messages from the Maestro iframe waiting for the daemon. */
  readonly queued: number;
  /** Messages the daemon acknowledged. */
  readonly delivered: number;
  /** Messages dropped while the daemon was away (too many, too old). */
  readonly dropped: number;
  readonly lastError?: string;
}

export interface DaemonLinkOptions {
  /** The socket.io client socket, created with `autoConnect: false`. */
  readonly socket: Socket;
  readonly outbox: MessageOutbox;
  readonly ackTimeoutMs: number;
  /** First wait before connecting again after the daemon closed the connection; doubles up to the max. */
  readonly reconnectDelayMs: number;
  readonly reconnectDelayMaxMs: number;
  /** Wait before trying again after the daemon refused the bridge (origin or token). */
  readonly refusedRetryMs: number;
  readonly now: () => number;
  readonly onStatus: (status: BridgeStatus) => void;
  /** A short text for the page when something goes wrong: once per outage, not once per attempt. */
  readonly onError: (message: string) => void;
}

/**
 * The bridge's connection to the daemon: delivers the outbox in order, each message acknowledged, and
 * keeps the connection up. socket.io reconnects by itself after a lost link, but not when the server
 * closed the connection ("io server disconnect"), which is what a daemon does when it stops
 * gracefully: then the link connects again itself, with a growing jittered delay, so every restart of
 * the daemon, however it stopped, ends with the bridge back and its waiting messages delivered.
 */
export class DaemonLink {
  readonly #o: DaemonLinkOptions;
  #state: LinkState = 'connecting';
  #lastError: string | undefined;
  #delivered = 0;
  #pumping = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #reconnect: ReturnType<typeof setTimeout> | undefined;
  #serverCloses = 0;
  #outageReported = false;

  constructor(options: DaemonLinkOptions) {
    this.#o = options;
    const { socket } = options;
    socket.on('connect', () => this.#onConnect());
    socket.on('disconnect', (reason) => this.#onDisconnect(reason));
    socket.on('connect_error', (error) => this.#onConnectError(error));
  }

  get status(): BridgeStatus {
    return {
      state: this.#state,
      queued: this.#o.outbox.size,
      delivered: this.#delivered,
      dropped: this.#o.outbox.dropped,
      ...(this.#lastError !== undefined ? { lastError: this.#lastError } : {}),
    };
  }

  start(): void {
    this.#o.socket.connect();
    this.#publish();
  }

  /** Queues a message for the daemon and sends it when connected. */
  send(message: OutboxMessage): void {
    this.#o.outbox.push(message);
    this.#publish();
    void this.pump();
  }

  close(): void {
    clearTimeout(this.#retry);
    clearTimeout(this.#reconnect);
    this.#state = 'closed';
    this.#o.socket.close();
    this.#publish();
  }

  /**
   * Sends the waiting messages one at a time, each acknowledged, while connected. The daemon acknowledges
   * a message once it recorded its event; one it answers with `retry` stays first in line.
   */
  async pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      const { socket, outbox } = this.#o;
      for (;;) {
        const next = outbox.peek(this.#o.now());
        if (!socket.connected || next === undefined) break;
        let reply: unknown;
        try {
          reply = await socket.timeout(this.#o.ackTimeoutMs).emitWithAck(next.event, next.payload);
        } catch {
          // No acknowledgement: disconnected (sent again on reconnect) or too slow (sent again soon).
          if (socket.connected) this.#retryLater();
          break;
        }
        if (asksToResend(reply)) {
          // The daemon could not record it (its state store refused): kept, sent again soon.
          this.#retryLater();
          break;
        }
        outbox.remove(next);
        this.#delivered += 1;
        this.#publish();
      }
      this.#report();
    } finally {
      this.#pumping = false;
      this.#publish();
    }
  }

  #onConnect(): void {
    clearTimeout(this.#reconnect);
    this.#serverCloses = 0;
    this.#outageReported = false;
    this.#lastError = undefined;
    this.#state = 'connected';
    this.#publish();
    void this.pump();
  }

  #onDisconnect(reason: string): void {
    if (this.#state === 'closed') return;
    this.#state = 'disconnected';
    this.#lastError = `disconnected (${reason})`;
    this.#reportOutage(
      `disconnected from Switchboard (${reason}); reconnecting, ${this.#o.outbox.size} message(s) waiting`,
    );
    // socket.io retries by itself after a lost link, but not after the server closed the connection.
    if (reason === 'io server disconnect') this.#connectLater(this.#backoff(this.#serverCloses++));
    this.#publish();
  }

  #onConnectError(error: Error): void {
    if (this.#state === 'closed') return;
    this.#lastError = error.message;
    if (this.#o.socket.active) {
      this.#state = 'disconnected';
      this.#reportOutage(`cannot connect to Switchboard (${error.message}); retrying`);
    } else {
      // Refused by the daemon (origin, token): socket.io does not retry that by itself.
      this.#state = 'refused';
      this.#o.onError(`Switchboard refused this bridge: ${error.message}`);
      this.#connectLater(this.#o.refusedRetryMs);
    }
    this.#publish();
  }

  #connectLater(delayMs: number): void {
    clearTimeout(this.#reconnect);
    this.#reconnect = setTimeout(() => {
      if (this.#state !== 'closed' && !this.#o.socket.connected) this.#o.socket.connect();
    }, delayMs);
  }

  /** 0.5–1.5 × reconnectDelayMs × 2^attempt, at most reconnectDelayMaxMs. */
  #backoff(attempt: number): number {
    const base = this.#o.reconnectDelayMs * 2 ** Math.min(attempt, 16);
    return Math.min(this.#o.reconnectDelayMaxMs, Math.round(base * (0.5 + Math.random())));
  }

  #retryLater(): void {
    if (this.#retry !== undefined) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.pump();
    }, this.#o.reconnectDelayMs);
  }

  #reportOutage(message: string): void {
    if (this.#outageReported) return;
    this.#outageReported = true;
    this.#o.onError(message);
  }

  /** Tells the daemon (and the page) what the outbox dropped, once connected. */
  #report(): void {
    const { socket, outbox } = this.#o;
    if (!socket.connected) return;
    const report = outbox.takeReport();
    if (report === undefined) return;
    socket.emit(bridgeMessages.report, report);
    this.#o.onError(
      `${report.dropped} Maestro message(s) dropped while Switchboard was away: ${report.reason}`,
    );
  }

  #publish(): void {
    this.#o.onStatus(this.status);
  }
}

/** The daemon's acknowledgement says it could not take the message now (`EnvelopeAck.retry`). */
function asksToResend(reply: unknown): boolean {
  return typeof reply === 'object' && reply !== null && (reply as { retry?: unknown }).retry === true;
}
