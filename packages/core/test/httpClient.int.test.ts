import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { HttpClient, redactUrl } from '../src/index.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('HttpClient (undici)', () => {
  test('a call that got its reply leaves no timeout behind to fire later', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    );
    // The signal each request hands undici, seen through a dispatcher that records it.
    const signals: AbortSignal[] = [];
    class Recording extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        // undici hands the request's options on to the dispatcher; its types leave `signal` out.
        const { signal } = options as { signal?: AbortSignal };
        if (signal) signals.push(signal);
        return super.dispatch(options, handler);
      }
    }
    const agent = new Recording();
    try {
      const res = await new HttpClient(agent).request({ url, timeoutMs: 1000 });
      expect(res.status).toBe(200);
      expect(signals).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1300));
      // A timeout that fires after the reply costs an abort event per call for nothing.
      expect(signals[0]?.aborted).toBe(false);
    } finally {
      await agent.close();
    }
  });

  test('retries a 503 with backoff (a POST with an idempotency key), then returns the parsed JSON', async () => {
    let calls = 0;
    const keys: unknown[] = [];
    const url = await serve((req, res) => {
      calls += 1;
      keys.push(req.headers['idempotency-key']);
      if (calls < 3) {
        res.writeHead(503).end('busy');
        return;
      }
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ got: JSON.parse(body) }));
        });
    });
    const started = Date.now();
    const res = await new HttpClient().request({
      method: 'POST',
      url,
      body: { a: 1 },
      retries: 3,
      retryDelayMs: 20,
      idempotencyKey: { value: 'k-1' },
    });
    expect(keys).toEqual(['k-1', 'k-1', 'k-1']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ got: { a: 1 } });
    expect(res.attempts).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
  });

  test('gives up after the retries and returns the last response', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls += 1;
      res.writeHead(500).end();
    });
    const res = await new HttpClient().request({ url, retries: 1, retryDelayMs: 5 });
    expect([res.status, res.attempts, calls]).toEqual([500, 2, 2]);
  });

  test('messages never show the query string or user info (they may carry secrets)', () => {
    expect(redactUrl('https://user:pw@crm.example/api/x?token=secret')).toBe('https://crm.example/api/x?…');
  });

  test('a POST without an idempotency key is sent once, whatever `retries` says', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls += 1;
      res.writeHead(503).end();
    });
    const res = await new HttpClient().request({ method: 'POST', url, retries: 3, retryDelayMs: 1 });
    expect([res.status, res.attempts, calls]).toEqual([503, 1, 1]);
  });

  test('a JSON reply nested deeper than 64 levels fails the request and is not retried', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(`${'['.repeat(65)}${']'.repeat(65)}`);
    });
    const error = await new HttpClient().request({ url, retries: 2, retryDelayMs: 1 }).catch((e) => e);
    expect(error.message).toMatch(/JSON reply from http:\/\/127\.0\.0\.1:\d+\/ nests deeper than 64 levels/);
    expect(calls).toBe(1);
  });

  test('times out a slow endpoint with a clear error', async () => {
    const url = await serve((_req, res) => setTimeout(() => res.end('late'), 500));
    const error = await new HttpClient().request({ url, timeoutMs: 50 }).catch((e) => e);
    expect(error.code).toBe('SWB_ACTION_TIMEOUT');
    expect(error.message).toMatch(/no response from .* within 50 ms/);
  });
});
