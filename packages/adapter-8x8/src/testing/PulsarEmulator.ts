import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { pulsarEnvelope, pulsarTopicsOf } from './pulsarEnvelope.js';
import { hasUrlHostileCharacters, parsePulsarMessageId, pulsarMessageId } from './pulsarMessageId.js';
import type { SapiWireEvent } from './sapiEncoding.js';

export interface PulsarEmulatorOptions {
  /** Default: a free port. */
  readonly port?: number;
  /** API key → topics it may read (`event-v1/all`, `event-v1/*`, `agent-v1/<id>`, `*`). Default `{ 'test-key': ['*'] }`. */
  readonly keys?: Readonly<Record<string, readonly string[]>>;
  /** The only tenant served (others: 404); default any. */
  readonly tenant?: string;
  /** `with-+/=`: every id holds `+`, `/` and `=` (what breaks unencoded in a URL). Default `plain`. */
  readonly messageIds?: 'plain' | 'with-+/=';
  /** Server pings every this many ms; 0 (default): none, like Pulsar's default. */
  readonly pingMs?: number;
  /** Stamp each event with SAPI's `msgInfo` (default true: the payload is SAPI's event JSON). */
  readonly msgInfo?: boolean;
}

/** One reader handshake, as the emulator saw it. */
export interface PulsarRequestRecord {
  readonly path: string;
  readonly topic: string;
  /** Query parameters, decoded as a Java servlet decodes them (`+` is a space). */
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  readonly at: number;
}

/** One published message. */
export interface PulsarLogEntry {
  readonly messageId: string;
  readonly topics: readonly string[];
  readonly event: SapiWireEvent;
  readonly text: string;
}

interface Reader {
  readonly ws: WebSocket;
  readonly socket: Socket;
  readonly topic: string;
  readonly receiverQueueSize: number;
  /** Index of the next log entry to look at. */
  cursor: number;
  /** Sent, not yet acknowledged. */
  pending: number;
}

const readerPath = /^\/ws\/v2\/reader\/persistent\/([^/]+)\/([^/]+)\/([^/]+)$/;
/** Ledgers whose ids hold `+`, `/` and `=` for almost every entry; each is smaller than the one before. */
const hostileLedgers = [1015615, 556863, 392767, 228671];
const plainLedgers = [9000, 8000, 7000, 6000];

/**
 * A stand-in for 8x8's Event Streaming (Apache Pulsar's WebSocket reader) on a real WebSocket server:
 * `X-API-Key` (header or `x-api-key` query) checked per topic (401 / 403), SAPI events wrapped in Pulsar
 * envelopes with real protobuf message ids, per-topic routing, resume by `messageId` (exclusive),
 * `earliest` / `latest`, reader acks enforced (nothing more is sent once `receiverQueueSize` messages
 * wait for their ack), optional server pings, `drop()` mid-message, `freeze()` like a hung broker, and `kill()` / `restart()` like a
 * broker crash (the topic survives; a new ledger's ids sort "before" the old ones).
 */
export class PulsarEmulator {
  readonly options: Required<Omit<PulsarEmulatorOptions, 'tenant'>> & { readonly tenant?: string };
  readonly requests: PulsarRequestRecord[] = [];
  readonly log: PulsarLogEntry[] = [];
  /** Every ack frame's message id, in order. */
  readonly ackedIds: string[] = [];
  readonly #readers = new Set<Reader>();
  /** Connections `freeze()` left hanging; destroyed by `kill()`. */
  readonly #frozen = new Set<Socket>();
  readonly #instanceId = `pulsar-emulator-${randomUUID().slice(0, 8)}`;
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #port = 0;
  #ledgerIndex = 0;
  #entry = 0;
  #sequence = 0;
  #pingTimer: NodeJS.Timeout | undefined;

  static async start(options: PulsarEmulatorOptions = {}): Promise<PulsarEmulator> {
    const emulator = new PulsarEmulator(options);
    await emulator.#listen(options.port ?? 0);
    return emulator;
  }

  private constructor(options: PulsarEmulatorOptions) {
    this.options = {
      port: options.port ?? 0,
      keys: options.keys ?? { 'test-key': ['*'] },
      messageIds: options.messageIds ?? 'plain',
      pingMs: options.pingMs ?? 0,
      msgInfo: options.msgInfo ?? true,
      ...(options.tenant !== undefined ? { tenant: options.tenant } : {}),
    };
  }

  /** `http://127.0.0.1:<port>`, like every emulator's `url`: `eventStream.url` may point at it (taken as `ws://`). */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** `ws://127.0.0.1:<port>`: the same server, for WebSocket clients. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** Open reader connections. */
  get connections(): number {
    return this.#readers.size;
  }

  /** Ack frames received. */
  get acked(): number {
    return this.ackedIds.length;
  }

  /** The ledger new messages are written to. */
  get ledgerId(): number {
    const ledgers = this.options.messageIds === 'plain' ? plainLedgers : hostileLedgers;
    return ledgers[this.#ledgerIndex % ledgers.length]! - Math.floor(this.#ledgerIndex / ledgers.length);
  }

  /** Publishes a SAPI event (stamped with `msgInfo` unless switched off) to its topics; returns its log entry. */
  publish(event: SapiWireEvent, options: { readonly topics?: readonly string[] } = {}): PulsarLogEntry {
    const now = Date.now();
    const stamped: SapiWireEvent = this.options.msgInfo
      ? {
          type: event.type,
          body: {
            ...event.body,
            msgInfo: { instanceId: this.#instanceId, sequenceId: ++this.#sequence, timestamp: now },
          },
        }
      : event;
    const messageId = this.#nextMessageId();
    const entry: PulsarLogEntry = {
      messageId,
      topics: options.topics ?? pulsarTopicsOf(stamped),
      event: stamped,
      text: JSON.stringify(pulsarEnvelope(messageId, stamped, now)),
    };
    this.log.push(entry);
    for (const reader of this.#readers) this.#pump(reader);
    return entry;
  }

  /** Publishes a frame as it is (a malformed message, say) to every topic; it gets the next message id when `withId`. */
  publishRaw(text: (messageId: string) => string): PulsarLogEntry {
    const messageId = this.#nextMessageId();
    const entry: PulsarLogEntry = {
      messageId,
      topics: ['*'],
      event: { type: 'Raw', body: {} },
      text: text(messageId),
    };
    this.log.push(entry);
    for (const reader of this.#readers) this.#pump(reader);
    return entry;
  }

  /**
   * Breaks every reader connection. `midMessage`: first half of the frame of the next message is written
   * (the reader's pending message is not counted as sent), then the TCP connection is destroyed.
   */
  drop(options: { readonly midMessage?: boolean } = {}): void {
    for (const reader of [...this.#readers]) {
      if (options.midMessage) {
        const next = this.#nextFor(reader);
        const text = next?.text ?? JSON.stringify({ messageId: 'CAcQAA==', payload: 'e30=' });
        const frame = textFrame(text);
        reader.socket.write(frame.subarray(0, Math.max(1, Math.floor(frame.length / 2))));
      }
      reader.socket.destroy();
      this.#readers.delete(reader);
    }
  }

  /**
   * As a hung broker: every open connection stays up at the TCP level but nothing more is read or
   * written on it (no messages, no pongs). New connections are served as usual.
   */
  freeze(): void {
    for (const reader of this.#readers) {
      reader.socket.pause();
      this.#readers.delete(reader);
      this.#frozen.add(reader.socket);
    }
  }

  /** As a crashed broker: every connection destroyed, the port closed. The topic's log is kept. */
  async kill(): Promise<void> {
    clearInterval(this.#pingTimer);
    for (const reader of this.#readers) reader.socket.destroy();
    this.#readers.clear();
    for (const socket of this.#frozen) socket.destroy();
    this.#frozen.clear();
    const server = this.#server;
    this.#server = undefined;
    this.#wss?.close();
    this.#wss = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Listens again on the same port; `newLedger`: messages from now on go to a new, "smaller" ledger. */
  async restart(options: { readonly newLedger?: boolean } = {}): Promise<void> {
    await this.kill();
    if (options.newLedger) {
      this.#ledgerIndex += 1;
      this.#entry = 0;
    }
    await this.#listen(this.#port);
  }

  /** Stops for good; a second call does nothing. */
  close(): Promise<void> {
    return this.kill();
  }

  async #listen(port: number): Promise<void> {
    const server = createServer((_req, res) => res.writeHead(404).end('Not Found'));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => this.#upgrade(wss, req, socket as Socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    this.#wss = wss;
    this.#port = (server.address() as AddressInfo).port;
    if (this.options.pingMs > 0) {
      this.#pingTimer = setInterval(() => {
        for (const reader of this.#readers) if (reader.ws.readyState === WebSocket.OPEN) reader.ws.ping();
      }, this.options.pingMs);
      this.#pingTimer.unref();
    }
  }

  #nextMessageId(): string {
    const ledger = this.ledgerId;
    let id = pulsarMessageId(ledger, this.#entry++);
    // Entries are opaque to readers, so skipping some to keep every id URL-hostile changes nothing else.
    for (let tries = 0; this.options.messageIds === 'with-+/=' && !hasUrlHostileCharacters(id); tries++) {
      if (tries > 10_000) throw new Error(`no URL-hostile id near entry ${this.#entry} of ledger ${ledger}`);
      id = pulsarMessageId(ledger, this.#entry++);
    }
    return id;
  }

  #upgrade(wss: WebSocketServer, req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const query = Object.fromEntries(url.searchParams);
    const match = readerPath.exec(url.pathname);
    const topic = match ? `${decodeURIComponent(match[2]!)}/${decodeURIComponent(match[3]!)}` : '';
    const refuse = (status: number, body: string): void => {
      this.requests.push({ path: url.pathname, topic, query, status, at: Date.now() });
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    if (!match) {
      refuse(404, 'Not Found');
      return;
    }
    const tenant = decodeURIComponent(match[1]!);
    if (this.options.tenant !== undefined && tenant !== this.options.tenant) {
      refuse(404, 'Tenant not found');
      return;
    }
    const header = req.headers['x-api-key'];
    const key = (typeof header === 'string' ? header : undefined) ?? query['x-api-key'];
    const allowed =
      key !== undefined && Object.hasOwn(this.options.keys, key) ? this.options.keys[key] : undefined;
    if (!allowed) {
      refuse(401, 'Unauthorized: invalid or missing API key');
      return;
    }
    if (!allowed.some((pattern) => topicMatches(pattern, topic))) {
      refuse(403, `Forbidden: not authorized to read persistent://${tenant}/${topic}`);
      return;
    }
    const start = this.#startOf(query.messageId ?? 'latest');
    if ('error' in start) {
      refuse(start.status, start.error);
      return;
    }
    const receiverQueueSize = Number(query.receiverQueueSize ?? 1000);
    this.requests.push({ path: url.pathname, topic, query, status: 101, at: Date.now() });
    wss.handleUpgrade(req, socket, head, (ws) => {
      const reader: Reader = {
        ws,
        socket,
        topic,
        receiverQueueSize:
          Number.isSafeInteger(receiverQueueSize) && receiverQueueSize > 0 ? receiverQueueSize : 1000,
        cursor: start.cursor,
        pending: 0,
      };
      this.#readers.add(reader);
      ws.on('message', (data) => this.#onAck(reader, String(data)));
      ws.on('close', () => this.#readers.delete(reader));
      ws.on('error', () => this.#readers.delete(reader));
      this.#pump(reader);
    });
  }

  /** Where a reader starts: after the given id (exclusive), or at an end of the log. */
  #startOf(messageId: string): { cursor: number } | { status: number; error: string } {
    if (messageId === 'earliest') return { cursor: 0 };
    if (messageId === 'latest') return { cursor: this.log.length };
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(messageId)) {
      const bad = [...messageId].find((c) => !/[A-Za-z0-9+/=]/.test(c)) ?? '?';
      return { status: 500, error: `Illegal base64 character ${bad.charCodeAt(0).toString(16)}` };
    }
    const index = this.log.findIndex((entry) => entry.messageId === messageId);
    if (index >= 0) return { cursor: index + 1 };
    return parsePulsarMessageId(messageId)
      ? { status: 404, error: `Message id not found: ${messageId}` }
      : { status: 400, error: 'Invalid message id' };
  }

  #onAck(reader: Reader, text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const messageId = (frame as { messageId?: unknown } | null)?.messageId;
    if (typeof messageId !== 'string') return;
    this.ackedIds.push(messageId);
    if (reader.pending > 0) reader.pending -= 1;
    this.#pump(reader);
  }

  #nextFor(reader: Reader): PulsarLogEntry | undefined {
    for (let i = reader.cursor; i < this.log.length; i++) {
      const entry = this.log[i]!;
      if (entry.topics.includes('*') || entry.topics.includes(reader.topic)) return entry;
    }
    return undefined;
  }

  /** Sends what the reader may have: its topic's next messages, up to `receiverQueueSize` unacknowledged. */
  #pump(reader: Reader): void {
    while (reader.pending < reader.receiverQueueSize && reader.cursor < this.log.length) {
      if (reader.ws.readyState !== WebSocket.OPEN) return;
      const entry = this.log[reader.cursor++]!;
      if (!entry.topics.includes('*') && !entry.topics.includes(reader.topic)) continue;
      reader.pending += 1;
      reader.ws.send(entry.text);
    }
  }
}

function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true;
  return pattern.endsWith('/*') && topic.startsWith(pattern.slice(0, -1));
}

/** An unmasked server text frame, as on the wire. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, length])
      : length < 65536
        ? Buffer.from([0x81, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x81, 127]), bigEndian64(length)]);
  return Buffer.concat([header, payload]);
}

function bigEndian64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(value));
  return buffer;
}
