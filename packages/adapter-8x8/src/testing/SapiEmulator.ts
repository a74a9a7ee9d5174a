import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ResolvedSapiEmulatorOptions,
  resolveEmulatorOptions,
  type SapiEmulatorOptions,
  type SapiRequestRecord,
} from './SapiEmulatorOptions.js';
import { SapiStreamConnection } from './SapiStreamConnection.js';
import { SapiSubscriptionBuffer } from './SapiSubscriptionBuffer.js';
import { type SapiWireEvent, streamOpening } from './sapiEncoding.js';

const pathPattern = /^\/api\/streaming\/v1\/clientconnect\/subscribe\/([^/?]+)$/;

interface Refusal {
  readonly status: number;
  readonly text: string;
  readonly headers?: Record<string, string>;
}

/**
 * A stand-in for 8x8's Streaming API over real HTTP streaming: Basic auth, JSON or XML per
 * `desiredOutputType`, every Atmosphere framing switchable, a replay buffer per subscription id,
 * sessions closed after `sessionSeconds`, a per-tenant client limit, and `cutNext()` to break the
 * stream in the middle of an event. `await SapiEmulator.start(options)` listens on 127.0.0.1;
 * `endSessions()` ends the streams as SAPI does every hour, `drop()` breaks them (it keeps listening),
 * `close()` stops.
 */
export class SapiEmulator {
  readonly options: ResolvedSapiEmulatorOptions;
  readonly requests: SapiRequestRecord[] = [];
  readonly #server: Server;
  readonly #subscriptions = new Map<string, SapiSubscriptionBuffer>();
  readonly #connections = new Set<SapiStreamConnection>();
  #sequence = 0;
  #instanceId: string;
  #clientChecks = 0;
  #cutNext = false;
  #url = '';
  #closed: Promise<void> | undefined;

  /** Listens on 127.0.0.1 (a free port unless `port` is given); `url` is the base URL to point `sapi.baseUrl` at. */
  static async start(options: SapiEmulatorOptions = {}): Promise<SapiEmulator> {
    const emulator = new SapiEmulator(options);
    await emulator.#listen();
    return emulator;
  }

  private constructor(options: SapiEmulatorOptions) {
    this.options = resolveEmulatorOptions(options);
    this.#instanceId = this.options.instanceId;
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  async #listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.options.port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return this.#url;
  }

  /** Open streams right now. */
  get connections(): number {
    return [...this.#connections].filter((c) => c.open).length;
  }

  /** `ClientCheck` heartbeats written so far. */
  get clientChecksSent(): number {
    return this.#clientChecks;
  }

  /**
   * As after a restart of 8x8's server: a new `instanceId` (given, or a generated one), its sequence
   * counting from 1 again. Kept events and open streams stay.
   */
  restartInstance(instanceId = `emulator-${randomUUID().slice(0, 8)}.sapi-v1`): void {
    this.#instanceId = instanceId;
    this.#sequence = 0;
  }

  subscriptionIds(): string[] {
    return [...this.#subscriptions.keys()];
  }

  /** Publishes an event to every subscription (kept for replay), stamped with `msgInfo`. Returns it. */
  publish(type: string, body: Readonly<Record<string, unknown>>): SapiWireEvent {
    const now = Date.now();
    const event = { type, body: { ...body, msgInfo: this.#msgInfo(now) } };
    for (const subscription of this.#subscriptions.values()) {
      const stored = subscription.add(event, now);
      for (const connection of this.#connections) {
        if (connection.subscription !== subscription || !connection.open) continue;
        connection.send(stored, this.#cutNext);
        this.#cutNext = false;
      }
    }
    return event;
  }

  /**
   * Publishes many events at once: each connection gets them in one write, so the stream runs as fast as
   * loopback allows (for load tests and benchmarks). Returns them, stamped.
   */
  publishMany(events: readonly { type: string; body: Readonly<Record<string, unknown>> }[]): SapiWireEvent[] {
    const now = Date.now();
    const stamped = events.map((e) => ({ type: e.type, body: { ...e.body, msgInfo: this.#msgInfo(now) } }));
    for (const subscription of this.#subscriptions.values()) {
      const stored = stamped.map((event) => subscription.add(event, now));
      for (const connection of this.#connections) {
        if (connection.subscription === subscription && connection.open) connection.sendMany(stored);
      }
    }
    return stamped;
  }

  /** The next event written is cut in the middle: half of it is sent, then the connection breaks. */
  cutNext(): void {
    this.#cutNext = true;
  }

  /** Ends every session cleanly now (as SAPI does after 60 minutes). */
  endSessions(): void {
    for (const connection of [...this.#connections]) connection.close(false);
  }

  /** Breaks every connection now (no clean end); keeps listening. */
  drop(): void {
    for (const connection of [...this.#connections]) connection.close(true);
  }

  /** Breaks every connection and stops listening; a second call waits for the first. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.drop();
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    return this.#closed;
  }

  #msgInfo(now: number): Record<string, unknown> {
    this.#sequence += 1;
    return { instanceId: this.#instanceId, sequenceId: this.#sequence, timestamp: now };
  }

  #clientCheck(subscriptionId: string): SapiWireEvent {
    const fixed = this.options.clientCheckSequenceId;
    const now = Date.now();
    const msgInfo =
      fixed === 'shared'
        ? this.#msgInfo(now)
        : { instanceId: this.#instanceId, sequenceId: fixed, timestamp: now };
    this.#clientChecks += 1;
    return {
      type: 'ClientCheck',
      body: {
        heartbeat: '[HEARTBEAT]',
        msgInfo,
        'subscription-id': subscriptionId,
        'tenant-id': this.options.tenant,
      },
    };
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const query = Object.fromEntries(url.searchParams);
    const subscriptionId = query.subsId ?? '';
    const outputType = query.desiredOutputType ?? 'JSON';
    const refusal = this.#refusal(req, url, query);
    this.requests.push({ subscriptionId, status: refusal?.status ?? 200, outputType, query, at: Date.now() });
    if (refusal) {
      res.writeHead(refusal.status, { 'content-type': 'text/plain', ...refusal.headers }).end(refusal.text);
      return;
    }
    this.#open(subscriptionId, outputType, res);
  }

  /** Why a subscribe request is refused (path, tenant, credentials, client limit), if it is. */
  #refusal(req: IncomingMessage, url: URL, query: Record<string, string>): Refusal | undefined {
    const match = pathPattern.exec(url.pathname);
    if (req.method !== 'GET' || !match) return { status: 404, text: 'Not Found' };
    const { tenant, token, maxClients, clientLimitStatus } = this.options;
    const channel = decodeURIComponent(match[1] ?? '');
    if (channel !== `TenantUpdates-${tenant}-${query.subsId ?? ''}` || query.tenantId !== tenant)
      return { status: 404, text: 'Unknown tenant or subscription' };
    const expected = `Basic ${Buffer.from(`${tenant}:${token}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return { status: 401, text: 'Unauthorized', headers: { 'www-authenticate': 'Basic realm="SAPI"' } };
    const others = [...this.#connections].filter((c) => c.open && c.subscription.id !== query.subsId);
    if (others.length >= maxClients)
      return { status: clientLimitStatus, text: `Maximum of ${maxClients} clients per tenant reached` };
    return undefined;
  }

  #open(subscriptionId: string, outputType: string, res: ServerResponse): void {
    for (const c of [...this.#connections]) if (c.subscription.id === subscriptionId) c.close(true);
    const now = Date.now();
    let subscription = this.#subscriptions.get(subscriptionId);
    if (!subscription || subscription.expired(now)) {
      subscription = new SapiSubscriptionBuffer(subscriptionId, this.options.replayWindowSeconds * 1000);
      this.#subscriptions.set(subscriptionId, subscription);
    }
    const { framing, splitWrites, replay, sessionSeconds, heartbeatMs, clientCheckMs } = this.options;
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const settings = {
      format: outputType.endsWith('XML') ? ('xml' as const) : ('json' as const),
      newline: framing.newline ?? outputType.startsWith('NEWLINE_'),
      framing,
      splitWrites,
    };
    const connection = new SapiStreamConnection(subscription, res, settings, (c) =>
      this.#connections.delete(c),
    );
    this.#connections.add(connection);
    connection.write(streamOpening(framing, randomUUID(), now));
    for (const stored of subscription.replay(now, replay)) connection.send(stored);
    connection.every(sessionSeconds * 1000, () => connection.close(false), true);
    if (heartbeatMs > 0) connection.every(heartbeatMs, () => connection.write('X'));
    if (clientCheckMs > 0) {
      connection.every(clientCheckMs, () => connection.sendWire(this.#clientCheck(subscriptionId)));
    }
  }
}
