import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HttpClient } from '../src/index.js';
import { problemsOf, warningsOf } from './fixtures/compile.js';
import { echoLog } from './fixtures/echoAdapter.js';
import { startEcho } from './fixtures/echoRuntime.js';

/**
 * A CRM stand-in: every POST creates a record as it arrives. A request whose key was seen before gets
 * the record it created, at once. A first request is never answered (until the test ends), so the
 * client's timeout always fires, however loaded the machine is.
 */
class RecordSink {
  readonly records: { key: string | undefined }[] = [];
  readonly requests: { method: string; key: string | undefined }[] = [];
  readonly #held: ServerResponse[] = [];
  readonly #server: Server;
  readonly #keyHeader: string;

  constructor(keyHeader = 'idempotency-key') {
    this.#keyHeader = keyHeader;
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Waits (bounded) until `count` requests arrived: one aborted by the client may be read a moment later. */
  async received(count: number): Promise<void> {
    const deadline = Date.now() + 5000;
    while (this.requests.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    for (const res of this.#held) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const header = req.headers[this.#keyHeader];
    const key = Array.isArray(header) ? header[0] : header;
    this.requests.push({ method: req.method ?? '', key });
    req.resume();
    const existing = key === undefined ? -1 : this.records.findIndex((r) => r.key === key);
    if (existing >= 0) {
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: existing })),
      );
      return;
    }
    this.records.push({ key });
    this.#held.push(res);
  }
}

let sink: RecordSink | undefined;
let stop: (() => Promise<unknown>) | undefined;
beforeEach(() => {
  echoLog.length = 0;
});
afterEach(async () => {
  await stop?.();
  await sink?.close();
  stop = undefined;
  sink = undefined;
});

const createRule = (url: string, extra = '') => `rules:
  - name: create-contact
    on: call.answered
    do:
      - http:
          method: POST
          url: "${url}/contacts"
          body: { phone: "{{ call.caller }}" }
          timeout: 1000
          retries: 2
          retryDelay: 5${extra}
        save: contact
`;

/** Ten events of ten calls, at once (calls run concurrently). */
function publishTen(events: Awaited<ReturnType<typeof startEcho>>['events']) {
  return Promise.all(
    [...Array(10).keys()].map((i) =>
      events('a').publish({ id: `e${i}`, type: 'call.answered', call: { id: `c${i}`, caller: `100${i}` } }),
    ),
  );
}

describe('`http` retries never repeat a POST that may have been carried out', () => {
  test('10 POSTs that time out create 10 records, not 30: sent once each, the action fails', async () => {
    sink = new RecordSink();
    const url = await sink.start();
    const { runtime, events } = await startEcho(createRule(url));
    stop = () => runtime.stop();
    const reports = await publishTen(events);
    expect(reports.map((r) => r.outcomes[0]?.status)).toEqual(Array(10).fill('failed'));
    expect(reports[0]?.outcomes[0]?.errorCode).toBe('SWB_ACTION_TIMEOUT');
    await sink.received(10);
    expect(sink.records).toHaveLength(10);
    expect(sink.requests).toHaveLength(10);
  });

  test('with `idempotencyKey: true` a POST is retried with the same key, and the sink keeps one record each', async () => {
    sink = new RecordSink();
    const url = await sink.start();
    const { runtime, events } = await startEcho(createRule(url, '\n          idempotencyKey: true'));
    stop = () => runtime.stop();
    const reports = await publishTen(events);
    expect(reports.map((r) => r.outcomes[0]?.status)).toEqual(Array(10).fill('ok'));
    const ids = reports.map((r) => (r.outcomes[0]?.result as { id: number } | undefined)?.id);
    expect(new Set(ids).size).toBe(10);
    expect(sink.records).toHaveLength(10);
    // Two attempts per event (the first timed out), both with the event's key; keys differ between events.
    expect(sink.requests).toHaveLength(20);
    const keys = sink.records.map((r) => r.key);
    expect(new Set(keys).size).toBe(10);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(sink.requests.filter((r) => r.key === key)).toHaveLength(2);
    }
  });

  test('the key is the same when the event is delivered again after a restart', async () => {
    sink = new RecordSink();
    const url = await sink.start();
    const rules = createRule(url, '\n          idempotencyKey: true');
    const first = await startEcho(rules);
    await first.events('a').publish({ id: 'same', type: 'call.answered', call: { id: 'c1' } });
    await first.runtime.stop();
    const second = await startEcho(rules);
    stop = () => second.runtime.stop();
    const again = await second.events('a').publish({ id: 'same', type: 'call.answered', call: { id: 'c1' } });
    expect(again.outcomes[0]?.result).toEqual({ id: 0 });
    expect(sink.records).toHaveLength(1);
    expect(new Set(sink.requests.map((r) => r.key)).size).toBe(1);
  });

  test('a header name as `idempotencyKey`, and a key the rule sets in `headers` itself', async () => {
    sink = new RecordSink('x-request-id');
    const url = await sink.start();
    const { runtime, events } = await startEcho(
      createRule(
        url,
        '\n          idempotencyKey: X-Request-Id\n          headers: { x-request-id: "call-{{ call.id }}" }',
      ),
    );
    stop = () => runtime.stop();
    const report = await events('a').publish({ id: 'e1', type: 'call.answered', call: { id: 'c9' } });
    expect(report.outcomes[0]?.status).toBe('ok');
    expect(sink.requests).toEqual([
      { method: 'POST', key: 'call-c9' },
      { method: 'POST', key: 'call-c9' },
    ]);
  });

  test('PUT, DELETE and GET are retried without a key', async () => {
    sink = new RecordSink();
    const url = await sink.start();
    const client = new HttpClient();
    for (const method of ['PUT', 'DELETE', 'GET']) {
      const error = await client
        .request({ method, url, timeoutMs: 50, retries: 1, retryDelayMs: 1 })
        .catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('SWB_ACTION_TIMEOUT');
    }
    expect(sink.requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'DELETE', 'DELETE', 'GET', 'GET']);
  });

  test('`retries` on a POST without a key loads with a warning that says why it is not used', () => {
    const rules = createRule('https://crm.example');
    expect(problemsOf(rules)).toEqual([]);
    expect(warningsOf(rules)).toEqual([
      expect.stringMatching(
        /^rules\.yaml:10:11 `retries` is not used for a POST: .*Add `idempotencyKey: true`.* \[SWB_RULE_BAD_PARAMS\]$/,
      ),
    ]);
    expect(warningsOf(createRule('https://crm.example', '\n          idempotencyKey: true'))).toEqual([]);
    expect(problemsOf(createRule('https://crm.example', '\n          idempotencyKey: "bad name"'))).toEqual([
      expect.stringMatching(/^rules\.yaml:12:27 `idempotencyKey` must match pattern .*\[SWB_SCHEMA\]$/),
    ]);
  });
});
