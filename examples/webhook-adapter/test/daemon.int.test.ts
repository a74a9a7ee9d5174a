import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DaemonProcess, spawnDaemon, waitFor } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signBody } from '../src/index.js';
import { post } from './support/post.js';
import { type Sink, startSink } from './support/sink.js';

const config = fileURLToPath(new URL('./fixtures/switchboard.yaml', import.meta.url));
const ringing = readFileSync(new URL('./fixtures/bodies/pbx-ringing.json', import.meta.url), 'utf8');
const token = 'daemon-test-token-4f1c9a';
const crmSecret = 'daemon-test-hmac-secret-77b2';

let sink: Sink;
let daemon: DaemonProcess;
const events = (instance: string) => `${daemon.address}/adapters/${instance}/events`;
const bearer = { authorization: `Bearer ${token}` };
const signed = (raw: string) => ({
  'x-hub-signature-256': signBody(raw, {
    secret: crmSecret,
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: 'sha256=',
  }),
});

beforeAll(async () => {
  sink = await startSink();
  daemon = await spawnDaemon(config, {
    env: { SINK_URL: sink.url, HOOKS_TOKEN: token, CRM_HMAC_SECRET: crmSecret },
  });
});

afterAll(async () => {
  const code = await daemon?.stop();
  await sink?.close();
  expect(code).toBe(0);
});

describe('the webhook plugin in the real daemon', () => {
  test('is loaded by its package name and listens on both instances', async () => {
    const starting = await daemon.waitForLog((l) => l.msg.startsWith('starting:'), 'the starting line');
    expect(starting.instances).toEqual([
      'hooks (switchboard-adapter-webhook)',
      'crm (switchboard-adapter-webhook)',
    ]);
    for (const instance of ['hooks', 'crm']) {
      await daemon.waitForLog(
        (l) => l.instance === instance && l.state === 'listening',
        `${instance} listening`,
      );
    }
  });

  test('a POSTed PBX body fires the Sales rule: the CRM endpoint gets the call, values encoded', async () => {
    const res = await post(events('hooks'), ringing, bearer);
    expect(res).toEqual({ status: 202, body: { accepted: ['evt-1001'] } });
    const hit = await waitFor(
      () => sink.requests.find((r) => r.url.startsWith('/calls/c-77')),
      'the CRM call',
    );
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/calls/c-77?order=A%26B%2F42%20%237');
    expect(JSON.parse(hit.body)).toEqual({ caller: '3228887766', order: 'A&B/42 #7', source: 'hooks' });
  });

  test('a redelivered body is de-duplicated: same id, the rule fired once', async () => {
    const res = await post(events('hooks'), ringing, bearer);
    expect(res).toEqual({ status: 202, body: { accepted: ['evt-1001'], duplicates: ['evt-1001'] } });
    await daemon.waitForLog(
      (l) => l.msg === 'duplicate event ignored' && l.eventId === 'evt-1001' && l.source === 'hooks',
      'the duplicate to be dropped',
    );
    expect(sink.requests.filter((r) => r.url.startsWith('/calls/c-77'))).toHaveLength(1);
  });

  test('a wrong token is refused with a 401 JSON error, counted, and never logged', async () => {
    const res = await post(events('hooks'), ringing, { authorization: 'Bearer not-the-token-at-all' });
    expect(res).toEqual({
      status: 401,
      body: { code: 'WEBHOOK_UNAUTHORIZED', message: 'missing or wrong bearer token' },
    });
    const line = await daemon.waitForLog(
      (l) => l.msg === 'input rejected' && l.reason === 'unauthorized' && l.source === 'hooks',
      'the refusal to be logged',
    );
    expect(line.level).toBe(40);
    const output = JSON.stringify(daemon.logs) + daemon.stderr();
    expect(output).not.toContain(token);
    expect(output).not.toContain('not-the-token-at-all');
    expect(output).not.toContain(crmSecret);
  });

  test('a malformed body is a counted 400 and the daemon goes on', async () => {
    const res = await post(events('hooks'), '{"event": "ringing", ', bearer);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('WEBHOOK_INVALID_JSON');
    await daemon.waitForLog(
      (l) => l.msg === 'input rejected' && l.reason === 'invalid-json' && l.source === 'hooks',
      'the malformed body to be logged',
    );
    const unmappable = await post(
      events('hooks'),
      { event: 'ringing', call: { uuid: 'c-8', ringTime: 'x' } },
      bearer,
    );
    expect(unmappable.status).toBe(400);
    await daemon.waitForLog((l) => l.reason === 'invalid-body', 'the unmappable body to be logged');
    expect(daemon.process.exitCode).toBeNull();
    const after = await post(
      events('hooks'),
      { event: 'hangup', eventId: 'evt-1002', call: { uuid: 'c-77' } },
      bearer,
    );
    expect(after).toEqual({ status: 202, body: { accepted: ['evt-1002'] } });
  });

  test('the signed, sync CRM instance answers with what its rule did; the log action is in the daemon log', async () => {
    const raw = JSON.stringify({ type: 'order-created', id: 'ord-42', order: 'A-42', customer: 'ACME' });
    const res = await post(events('crm'), raw, signed(raw));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accepted: ['ord-42'],
      events: [
        {
          id: 'ord-42',
          status: 'handled',
          matched: ['order-created-log'],
          actions: [{ rule: 'order-created-log', action: 'log', instance: 'crm', status: 'ok' }],
        },
      ],
    });
    await daemon.waitForLog(
      (l) => l.msg === 'order A-42 created for ACME' && l.source === 'crm',
      'the log action',
    );
    const forged = await post(events('crm'), raw, { 'x-hub-signature-256': 'sha256=00' });
    expect(forged.status).toBe(401);
  });
});
