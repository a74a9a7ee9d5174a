import { get, type IncomingMessage, type ServerResponse } from 'node:http';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { inboundCallEvents } from '../../src/testing/sapiSamples.js';
import { startCrm } from '../support/crmServer.js';
import { nestedPrefixes } from '../support/nestedPrefixes.js';
import { packageDir } from '../support/packageDir.js';
import { type RawSapiServer, startRawSapiServer } from '../support/rawSapiServer.js';
import { leakedForms, secretForms } from '../support/secretForms.js';

const tenant = 'acmecorp01';
const token = 'sapi tok/en+9=Zx!~q7-4f1c';

let dir: TempDir;
let crm: Awaited<ReturnType<typeof startCrm>>;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  dir = await tempDir('switchboard-8x8-hostile-');
  crm = await startCrm();
  await dir.write(
    'rules.yaml',
    `rules:
  - name: log-sales-interaction
    on: call.ended
    if: { "==": [ { var: call.queue }, "Sales" ] }
    do:
      - http:
          method: POST
          url: "${crm.url}/interactions"
          body: { callId: "{{ call.id }}" }
`,
  );
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await crm.close();
  await dir.remove();
});

async function rawServer(respond: Parameters<typeof startRawSapiServer>[0]): Promise<RawSapiServer> {
  const server = await startRawSapiServer(respond, { tenant, token });
  cleanups.push(() => server.close());
  return server;
}

async function startDaemon(server: RawSapiServer): Promise<DaemonProcess> {
  await dir.write(
    'switchboard.yaml',
    `adapters:
  cc:
    use: ${packageDir}
    options:
      sapi:
        tenant: ${tenant}
        token: \${SAPI_TOKEN}
        baseUrl: ${server.url}
        retry: { initialMs: 100, maxMs: 300 }
rules: [ rules.yaml ]
state: { dir: state }
log: { format: json, level: debug }
`,
  );
  const daemon = await spawnDaemon(`${dir.path}/switchboard.yaml`, {
    cwd: dir.path,
    env: { SAPI_TOKEN: token },
  });
  cleanups.push(() => daemon.stop('SIGKILL'));
  return daemon;
}

let sequence = 0;
/** The NEWLINE_JSON lines of an answered Sales call. */
function callLines(guid: string): string {
  return inboundCallEvents(guid, { queue: 'Sales', agentId: 'ag1', caller: '+12015550123', talkSeconds: 30 })
    .map((e) => {
      sequence += 1;
      const msgInfo = { instanceId: 'sapi01', sequenceId: sequence, timestamp: Date.now() };
      return `${JSON.stringify({ [e.type]: { ...e.body, msgInfo } })}\n`;
    })
    .join('');
}

const open = (res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.flushHeaders();
};

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  return response.text();
}

/** The console's live stream, read from the moment it is connected. */
async function openLiveStream(url: string): Promise<{ received(): string }> {
  let received = '';
  await new Promise<void>((resolve, reject) => {
    const req = get(url, (res: IncomingMessage) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        received += chunk;
        resolve();
      });
    });
    req.on('error', reject);
    cleanups.push(async () => req.destroy());
  });
  return { received: () => received };
}

const calls = () => crm.requests.map((r) => (r.body as { callId: string }).callId);

describe('8x8 SAPI through the real daemon, against a hostile server', () => {
  test('a 60 KB frame of nested length prefixes mid-stream: the events after it arrive, the subscription stays up', async () => {
    let stream: ServerResponse | undefined;
    const server = await rawServer((res) => {
      open(res);
      stream = res;
      res.write(callLines('int-before'));
      res.write(`${nestedPrefixes(60_000, callLines('int-inside').split('\n')[0]!)}\n`);
      res.write(callLines('int-after'));
    });
    const daemon = await startDaemon(server);
    await waitFor(() => calls().length === 2, 'the calls around the nested frame');
    expect(calls()).toEqual(['int-before', 'int-after']);
    stream!.write(callLines('int-later'));
    await waitFor(() => calls().length === 3, 'a call sent later on the same subscription');
    expect(calls()).toEqual(['int-before', 'int-after', 'int-later']);

    const rejected = daemon.logs.filter((l) => l.msg === 'input rejected');
    expect(rejected.map((l) => [l.reason, l.error])).toEqual([
      ['sapi-malformed-message', 'length prefixes nested more than 4 deep'],
    ]);
    expect(server.requests).toHaveLength(1);
    const ready = JSON.parse(await text(`${daemon.admin}/readyz`)) as { status: string };
    expect(ready.status).toBe('ready');
    expect(daemon.logs.some((l) => /stack|stopped unexpectedly/i.test(String(l.msg) + String(l.err)))).toBe(
      false,
    );
    expect(await daemon.stop()).toBe(0);
  });

  test('a server that echoes the Authorization header in its error bodies: the credentials appear in no output, in no encoding', async () => {
    const forms = secretForms(tenant, token);
    let status = 503;
    const server = await rawServer((res, _attempt, req) => {
      const authorization = req.headers.authorization ?? '';
      const pair = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(
          `Rejected request with Authorization: ${authorization}\n` +
            `${JSON.stringify({ authorization, credentials: pair, query: `token=${encodeURIComponent(authorization)}` })}\n` +
            `user:password = ${pair}; token = ${pair.slice(tenant.length + 1)}`,
        );
    });
    const daemon = await startDaemon(server);
    await daemon.waitForLog((l) => l.code === 'X8_SAPI_REFUSED', 'the refusal');
    const live = await openLiveStream(`${daemon.admin}/api/stream`);
    status = 401;
    await daemon.waitForLog((l) => l.code === 'X8_SAPI_AUTH', 'the 401');
    await waitFor(() => live.received().includes('X8_SAPI_AUTH'), 'the 401 on the live stream');
    await waitFor(() => server.requests.length >= 6, 'a few retries');

    const events = await text(`${daemon.admin}/api/events`);
    const entries = JSON.parse(events) as { seq: number; event: { type: string } }[];
    const errors = entries.filter((e) => e.event.type === 'adapter.error');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    const explained = await Promise.all(
      entries.map((e) => text(`${daemon.admin}/api/events/${e.seq}/explain`)),
    );
    const outputs: Record<string, string> = {
      stdout: JSON.stringify(daemon.logs),
      stderr: daemon.stderr(),
      '/api/events': events,
      explain: explained.join('\n'),
      '/api/stream': live.received(),
      '/api/instances': await text(`${daemon.admin}/api/instances`),
      '/readyz': await text(`${daemon.admin}/readyz`),
      '/metrics': await text(`${daemon.admin}/metrics`),
    };
    for (const [surface, output] of Object.entries(outputs))
      expect(leakedForms(output, forms), surface).toEqual([]);
    // The refusals are still reported clearly, with what may be said of the body.
    expect(outputs['/api/events']).toMatch(
      /8x8 refused tenant `acmecorp01` with the configured token \(HTTP 401: Rejected request with Authorization: \[redacted\]/,
    );
    expect(explained.join('\n')).toContain('X8_SAPI_AUTH');
  });
});
