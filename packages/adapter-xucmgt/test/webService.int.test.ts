import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleRequest } from '../src/testing/index.js';
import { postJson } from './support/postJson.js';
import { startXucmgtDaemon, type XucmgtDaemon } from './support/startXucmgtDaemon.js';

const agentOrigin = 'http://agent.example:8080';
const crm = { origin: 'https://crm.example' };

let xuc: XucmgtDaemon;

const post = (body: string | object, init: { contentType?: string; origin?: string } = {}) =>
  postJson(xuc.thirdPartyUrl, body, { origin: agentOrigin, ...init });

beforeAll(async () => {
  xuc = await startXucmgtDaemon(
    { allowedOrigins: [agentOrigin], bodyLimit: 4096 },
    `
rules:
  - name: trucks-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "trucks"] }
    do:
      - thirdPartyOpen:
          event: established
          url: "${crm.origin}/contact?phone={{ call.caller }}&call={{ call.id }}"
          title: "Trucks {{ call.caller }}"
          autopause: true
`,
  );
});

afterAll(async () => {
  await xuc?.stop();
});

describe('the XucMgt web service in the real daemon', () => {
  test.each(['2016', '2017', '2024'] as const)(
    'a %s-shaped request for trucks is answered open',
    async (shape) => {
      const { status, json, headers } = await post(
        sampleRequest(shape, { caller: '+33 1/23', callId: `c-${shape}` }),
      );
      expect(status).toBe(200);
      expect(headers.get('access-control-allow-origin')).toBe(agentOrigin);
      const callId = shape === '2016' ? /xucmgt-[0-9a-f]{16}/ : shape === '2017' ? /c-2017/ : /c-2024/;
      expect(json).toMatchObject({
        action: 'open',
        event: 'EventEstablished',
        title: 'Trucks +33 1/23',
        autopause: true,
      });
      expect(json.url).toMatch(
        new RegExp(`^${crm.origin}/contact\\?phone=%2B33%201%2F23&call=${callId.source}$`),
      );
    },
  );

  test('a request no rule matches is answered none', async () => {
    const { status, json } = await post(sampleRequest('2017', { queue: 'cars', callId: 'cars-1' }));
    expect(status).toBe(200);
    expect(json).toEqual({ action: 'none' });
    const direct = await post(sampleRequest('2024', { queue: null, callId: 'direct-1' }));
    expect(direct.json).toEqual({ action: 'none' });
  });

  test('the preflight allows the agent-app origin only', async () => {
    const preflight = (origin: string) =>
      fetch(xuc.thirdPartyUrl, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(agentOrigin);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(agentOrigin);
    expect(ok.headers.get('access-control-allow-methods')).toMatch(/POST.*OPTIONS/);
    expect(ok.headers.get('access-control-allow-headers')).toBe(
      'Origin, X-Requested-With, Content-Type, Accept',
    );
    const refused = await preflight('http://intruder.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const sneaky = await post(sampleRequest('2017', { callId: 'sneaky-1' }), {
      origin: 'http://intruder.example',
    });
    expect(sneaky.status).toBe(403);
    expect(sneaky.json.error).toBe('origin-not-allowed');
  });

  test('bad bodies get a 4xx with a JSON error, and the daemon goes on', async () => {
    const cases = [
      { body: '{"user": {"userId": 4', status: 400, error: 'invalid-json' },
      { body: '', status: 400, error: 'invalid-json' },
      { body: '{"user": {}, "__proto__": {"polluted": 1}}', status: 400, error: 'invalid-json' },
      {
        body: JSON.stringify({ ...sampleRequest('2017', { callId: 'big-1' }), pad: 'x'.repeat(5000) }),
        status: 413,
        error: 'body-too-large',
      },
      { body: '{"user": "James"}', status: 400, error: 'invalid-request' },
      { body: '[1, 2]', status: 400, error: 'invalid-request' },
      { body: '{"caller": "1001"}', status: 400, error: 'invalid-request' },
      {
        body: JSON.stringify({ ...sampleRequest('2017', { callId: 'bad-1' }), queue: 'trucks' }),
        status: 400,
        error: 'invalid-request',
      },
      {
        body: 'user=4',
        status: 415,
        error: 'unsupported-media-type',
        contentType: 'application/x-www-form-urlencoded',
      },
    ];
    for (const c of cases) {
      const { status, json, headers } = await post(c.body, { contentType: c.contentType });
      expect({ status, error: json.error }, c.body.slice(0, 40)).toEqual({
        status: c.status,
        error: c.error,
      });
      expect(typeof json.message).toBe('string');
      expect(headers.get('access-control-allow-origin')).toBe(agentOrigin);
    }
    const wrongShape = await post('{"user": "James"}');
    expect(wrongShape.json.message).toBe('`user` must be object');
    await xuc.daemon.waitForLog((l) => l.reason === 'body-too-large', 'the rejection to be logged');
    expect(xuc.daemon.process.exitCode).toBeNull();
    const after = await post(sampleRequest('2024', { callId: 'after-bad-1' }));
    expect(after.json.action).toBe('open');
  });
});
