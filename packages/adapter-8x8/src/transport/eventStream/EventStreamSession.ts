import type { IncomingMessage } from 'node:http';
import {
  type AdapterEvents,
  type ClientSession,
  type ConnectAttempt,
  ConnectionError,
  describeError,
  type SessionEnd,
} from '@switchboard/core';
import WebSocket from 'ws';
import type { CredentialRedactor } from '../sapi/CredentialRedactor.js';
import { classifyHandshake } from './classifyHandshake.js';
import type { EventStreamInbound, RecordedBatch } from './EventStreamInbound.js';

/** What one session needs besides the signal and the attempt. */
export interface EventStreamSessionSetup {
  readonly url: string;
  readonly apiKey: string;
  readonly topic: string;
  readonly connectTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly idleTimeoutMs: number;
  readonly quietWarningMs: number;
  readonly maxMessageBytes: number;
  readonly inbound: EventStreamInbound;
  readonly redactor: CredentialRedactor;
  /** After each recorded batch: the new resume point (kept in memory for the next reconnect). */
  readonly recorded: (batch: RecordedBatch) => void;
  /** Connected but no message for `quietWarningMs` (true), or a message after that (false). */
  readonly quiet: (quiet: boolean) => void;
}

/** The largest frame read at all. */
const hardMaxPayload = 64 * 1024 * 1024;
/** Frames recorded with one `accept` at most: bounds one commit, not the stream. */
const maxBatch = 500;
/** Characters of an error body that are quoted. */
const bodyExcerptChars = 200;
/** How long a handshake refusal's body is read before it is given up. */
const bodyReadMs = 2000;

/**
 * One Pulsar reader session over WebSocket: opened with the `X-API-Key` header, frames recorded in
 * arrival order in batches (one `accept` each) and acknowledged once recorded. The adapter pings every
 * `pingIntervalMs`; no frame and no pong for `idleTimeoutMs` ends the session (`X8_STREAM_IDLE`).
 * `close()` stops reading, lets the batch being recorded finish (and be acknowledged), then closes.
 */
export class EventStreamSession implements ClientSession {
  readonly ended: Promise<SessionEnd>;
  readonly detail: string;
  readonly #setup: EventStreamSessionSetup;
  readonly #ws: WebSocket;
  #end!: (end: SessionEnd) => void;
  #over = false;
  #closing = false;
  readonly #queue: string[] = [];
  #working: Promise<void> | undefined;
  #timers: NodeJS.Timeout[] = [];
  #idle: NodeJS.Timeout | undefined;
  #quiet: NodeJS.Timeout | undefined;
  #wasQuiet = false;
  #healthy: (() => void) | undefined;
  /** The attempt's events port: fenced commits and lease-tagged pending events on shared state. */
  #events: AdapterEvents | undefined;

  private constructor(setup: EventStreamSessionSetup, ws: WebSocket, detail: string) {
    this.#setup = setup;
    this.#ws = ws;
    this.detail = detail;
    this.ended = new Promise((resolve) => {
      this.#end = resolve;
    });
  }

  /**
   * Opens the WebSocket; resolves with the session once the handshake succeeded. Rejects with the
   * `ConnectionError` of a refused or failed handshake, or `signal`'s reason when it aborts first.
   */
  static open(
    setup: EventStreamSessionSetup,
    signal: AbortSignal,
    attempt: ConnectAttempt,
    detail: string,
  ): Promise<EventStreamSession> {
    return new Promise<EventStreamSession>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const ws = new WebSocket(setup.url, {
        headers: { 'X-API-Key': setup.apiKey },
        handshakeTimeout: setup.connectTimeoutMs,
        // Oversized frames are read and rejected one by one (`maxMessageBytes`); only beyond this the
        // connection breaks, since a frame Pulsar would send again at each reconnect must not block the stream.
        maxPayload: Math.max(setup.maxMessageBytes, hardMaxPayload),
        perMessageDeflate: false,
        followRedirects: false,
      });
      const session = new EventStreamSession(setup, ws, detail);
      session.#healthy = () => attempt.healthy();
      session.#events = attempt.events;
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        ws.terminate();
        reject(error);
      };
      const onAbort = (): void => fail(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      ws.on('unexpected-response', (request, response) => {
        void readExcerpt(response).then((body) => {
          request.destroy();
          fail(
            classifyHandshake(
              response.statusCode ?? 0,
              setup.redactor.excerpt(body, bodyExcerptChars),
              setup.topic,
            ),
          );
        });
      });
      ws.once('open', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        session.#opened();
        resolve(session);
      });
      ws.on('error', (error) => {
        if (!settled)
          fail(
            networkError(`could not open the Event Streaming WebSocket: ${describe(error, setup)}`, error),
          );
        else
          session.#finish({
            kind: 'failed',
            error: networkError(`the Event Streaming WebSocket failed: ${describe(error, setup)}`, error),
          });
      });
      ws.on('close', (code, reason) => {
        if (!settled) {
          fail(networkError(`the Event Streaming WebSocket closed during the handshake (${code})`));
          return;
        }
        const said = setup.redactor.excerpt(reason.toString('utf8'), bodyExcerptChars);
        session.#finish(
          session.#closing
            ? { kind: 'ended', reason: 'closed', next: 'backoff' }
            : {
                kind: 'failed',
                error: networkError(
                  `the Event Streaming server closed the WebSocket (${code}${said ? `: ${said}` : ''})`,
                ),
              },
        );
      });
    });
  }

  /** Stops reading; the batch being recorded finishes and is acknowledged, then the socket closes. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#queue.length = 0;
    await this.#working;
    this.#stopTimers();
    if (this.#ws.readyState === WebSocket.OPEN) this.#ws.close(1000, 'closing');
    const timer = setTimeout(() => this.#ws.terminate(), 2000);
    await this.ended;
    clearTimeout(timer);
  }

  #opened(): void {
    const { pingIntervalMs, idleTimeoutMs, quietWarningMs } = this.#setup;
    const ws = this.#ws;
    this.#idle = setTimeout(() => this.#idleOut(), idleTimeoutMs);
    this.#quiet = setTimeout(() => this.#quietNow(), quietWarningMs);
    this.#timers.push(this.#idle, this.#quiet);
    const pinger = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    }, pingIntervalMs);
    this.#timers.push(pinger);
    for (const timer of this.#timers) timer.unref();
    ws.on('pong', () => this.#idle?.refresh());
    ws.on('ping', () => this.#idle?.refresh());
    ws.on('message', (data, isBinary) => {
      this.#idle?.refresh();
      if (this.#closing || this.#over) return;
      this.#quiet?.refresh();
      if (this.#wasQuiet) {
        this.#wasQuiet = false;
        this.#setup.quiet(false);
      }
      this.#queue.push(isBinary ? Buffer.from(data as Buffer).toString('utf8') : String(data));
      this.#working ??= this.#work();
    });
  }

  /** Records queued frames batch by batch, in order, acknowledging each batch once it is durable. */
  async #work(): Promise<void> {
    try {
      while (this.#queue.length > 0 && !this.#over) {
        const frames = this.#queue.splice(0, maxBatch);
        let batch: RecordedBatch;
        try {
          batch = await this.#setup.inbound.record(frames, this.#events);
        } catch (error) {
          // Not recorded, so not acknowledged: the next session reads these messages again.
          this.#ws.terminate();
          this.#finish({
            kind: 'failed',
            error: ConnectionError.notConnected(
              `recording Event Streaming messages failed: ${describeError(error)}`,
              {
                code: 'X8_STREAM_STATE',
                cause: error,
              },
            ),
          });
          return;
        }
        if (batch.resumeId !== undefined) this.#setup.recorded(batch);
        if (this.#ws.readyState === WebSocket.OPEN) {
          for (const messageId of batch.ackIds) this.#ws.send(JSON.stringify({ messageId }));
        }
        if (batch.messages > 0 && this.#healthy) {
          this.#healthy();
          this.#healthy = undefined;
        }
      }
    } finally {
      this.#working = undefined;
    }
  }

  #idleOut(): void {
    const seconds = Math.round(this.#setup.idleTimeoutMs / 1000);
    this.#ws.terminate();
    this.#finish({
      kind: 'failed',
      error: ConnectionError.notConnected(
        `the Event Streaming WebSocket sent no frame and no pong for ${seconds} s`,
        {
          code: 'X8_STREAM_IDLE',
        },
      ),
    });
  }

  #quietNow(): void {
    if (this.#over || this.#closing) return;
    this.#wasQuiet = true;
    this.#setup.quiet(true);
  }

  #stopTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }

  #finish(end: SessionEnd): void {
    if (this.#over) return;
    this.#over = true;
    this.#queue.length = 0;
    this.#stopTimers();
    this.#end(end);
  }
}

function networkError(message: string, cause?: unknown): ConnectionError {
  return ConnectionError.notConnected(message, { code: 'X8_STREAM_NETWORK', ...(cause ? { cause } : {}) });
}

/** An error's message with the key masked (a server or proxy may echo it). */
function describe(error: unknown, setup: EventStreamSessionSetup): string {
  return setup.redactor.redact(describeError(error));
}

/** The beginning of a refusal's body, read for at most `bodyReadMs`; never more than a few KB. */
function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = (): void => {
      clearTimeout(timer);
      response.removeAllListeners('data');
      resolve(text);
    };
    const timer = setTimeout(done, bodyReadMs);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 4 * bodyExcerptChars) done();
    });
    response.once('end', done);
    response.once('error', done);
  });
}
