import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import type { EventJournal, JournalUpdate } from './EventJournal.js';
import { redactForConsole } from './redactForConsole.js';

export interface LiveStreamOptions {
  /** Most clients served at once; one more is refused (503). */
  readonly max: number;
  /** Bytes a client may have waiting to be sent; a client further behind is disconnected. */
  readonly bufferLimit: number;
  /** Updates are sent in batches, at most this often (ms). */
  readonly flushMs?: number;
  /** A comment line this often (ms) keeps proxies from closing an idle stream. */
  readonly heartbeatMs?: number;
}

/** Updates waiting for the next batch are flushed at once past this many. */
const batchLimit = 256;

const counter = (registry: Registry, name: string, help: string): Counter =>
  (registry.getSingleMetric(name) as Counter | undefined) ??
  new Counter({ name, help, registers: [registry] });

/**
 * The console's live stream (server-sent events): journal updates fanned out to every client.
 *
 * Handling an event must not pay for the console: the journal listener only queues the update; a
 * timer serializes and redacts each update once and writes the same bytes to every client. A client
 * that does not read falls behind; once more than `bufferLimit` bytes wait for it, it is
 * disconnected (the browser reconnects and reloads the list) rather than buffered without bound.
 * At most `max` clients are served; the journal is not even listened to while there are none.
 */
export class LiveStream {
  readonly #clients = new Set<ServerResponse>();
  #pending: JournalUpdate[] = [];
  #timer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #flushMs: number;
  readonly #heartbeatMs: number;
  readonly #gauge: Gauge;
  readonly #refused: Counter;
  readonly #slow: Counter;

  constructor(
    private readonly journal: EventJournal,
    private readonly redactor: SecretRedactor,
    readonly options: LiveStreamOptions,
    registry: Registry,
    private readonly logger: Logger,
  ) {
    this.#flushMs = options.flushMs ?? 100;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    const clients = 'switchboard_console_stream_clients';
    this.#gauge =
      (registry.getSingleMetric(clients) as Gauge | undefined) ??
      new Gauge({ name: clients, help: 'Clients of the console live stream.', registers: [registry] });
    this.#refused = counter(
      registry,
      'switchboard_console_stream_refused_total',
      'Console live stream clients refused because `admin.stream.max` were connected.',
    );
    this.#slow = counter(
      registry,
      'switchboard_console_stream_slow_clients_total',
      'Console live stream clients disconnected because they fell `admin.stream.bufferLimit` bytes behind.',
    );
  }

  get size(): number {
    return this.#clients.size;
  }

  get full(): boolean {
    return this.#clients.size >= this.options.max;
  }

  /** Counts a client turned away because the stream is full. */
  refuse(): void {
    this.#refused.inc();
  }

  /** Serves `response` as a stream client until it closes. */
  open(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.write(': connected\nretry: 2000\n\n');
    this.#clients.add(response);
    this.#gauge.set(this.#clients.size);
    response.on('close', () => this.#remove(response));
    if (this.#clients.size === 1) this.#listen();
  }

  /** Ends every client (the admin surface is closing). */
  close(): void {
    for (const response of this.#clients) response.end();
    this.#clients.clear();
    this.#gauge.set(0);
    this.#quiet();
  }

  #listen(): void {
    this.#unsubscribe = this.journal.subscribe((update) => this.#queue(update));
    this.#heartbeat = setInterval(() => this.#broadcast(Buffer.from(': ping\n\n')), this.#heartbeatMs);
    this.#heartbeat.unref();
  }

  #quiet(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }

  #remove(response: ServerResponse): void {
    if (!this.#clients.delete(response)) return;
    this.#gauge.set(this.#clients.size);
    if (this.#clients.size === 0) this.#quiet();
  }

  /** On the event's own path: no serializing, no writing, only a snapshot of what may change later. */
  #queue(update: JournalUpdate): void {
    this.#pending.push(
      update.kind === 'event'
        ? { kind: 'event', entry: { ...update.entry, outcomes: [...update.entry.outcomes] } }
        : update,
    );
    if (this.#pending.length >= batchLimit) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), this.#flushMs);
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    let text = '';
    for (const update of this.#pending) text += `data: ${redactForConsole(update, this.redactor)}\n\n`;
    this.#pending = [];
    this.#broadcast(Buffer.from(text));
  }

  /**
   * The same bytes to every client (the buffer is shared, not copied, while it waits); a client with
   * more than `bufferLimit` bytes still waiting is cut off instead.
   */
  #broadcast(chunk: Buffer): void {
    for (const response of this.#clients) {
      if (response.writableLength > this.options.bufferLimit) {
        this.#slow.inc();
        this.logger.warn(
          { waitingBytes: response.writableLength, clients: this.#clients.size - 1 },
          'console stream: disconnected a client that did not keep up',
        );
        this.#remove(response);
        response.destroy();
        continue;
      }
      response.write(chunk);
    }
  }
}
