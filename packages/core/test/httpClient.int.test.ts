import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
