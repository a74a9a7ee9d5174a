import { waitFor } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleRequest } from '../src/testing/index.js';
import { type CrmServer, startCrmServer } from './support/crmServer.js';
import { postJson } from './support/postJson.js';
import { startXucmgtDaemon, type XucmgtDaemon } from './support/startXucmgtDaemon.js';

const agentOrigin = 'http://agent.example:8080';
const secret = 'Xk3-9aQ_pL7.vM2~wR8zT4';

let xuc: XucmgtDaemon;
let crm: CrmServer;

const withKey = (key: string | undefined, extra = '') =>
  `${xuc.thirdPartyUrl}${key === undefined ? '' : `?key=${encodeURIComponent(key)}`}${extra}`;
const post = (url: string, body: object, origin = agentOrigin) => postJson(url, body, { origin });
const rejected = (problem: string) =>
  xuc.daemon.logs.filter((l) => l.reason === 'unauthorized' && l.problem === problem);
/** Interactions the rules logged into the CRM (a side effect that must happen once per ring). */
const logged = (callId: string) => crm.requests.filter((r) => r === `/interactions?call=${callId}`);

beforeAll(async () => {
  crm = await startCrmServer();
  xuc = await startXucmgtDaemon(
    { allowedOrigins: [agentOrigin], secret },
    `
rules:
  - name: support-pane
    on: call.offered
    if: { "!=": [{ var: call.queue }, "slowlog"] }
    do:
      - http: { url: "${crm.origin}/contacts?phone={{ call.caller }}" }
        save: crm
      - thirdPartyOpen:
          event: ringing
          title: "{{ vars.crm.name }}"
          pane: { record: "{{ vars.crm }}", fields: [name, account] }
      - http: { url: "${crm.origin}/interactions?call={{ call.id }}", okStatus: [404] }
  - name: answer-then-log-slowly
    on: call.offered
    if: { "==": [{ var: call.queue }, "slowlog"] }
    do:
      - thirdPartyOpen: { url: "https://crm.example/contact?phone={{ call.caller }}" }
      - http: { url: "${crm.origin}/slow?ms=1500&call={{ call.id }}", timeout: 5000 }
`,
  );
});

afterAll(async () => {
  await xuc?.stop();
  await crm?.close();
});

describe('the `secret`: THIRD_PARTY_URL carries ?key=', () => {
  test('a POST without the key, with a wrong one or with two is refused with 401 and runs no rule', async () => {
    const body = sampleRequest('2017', { callId: 'no-key-1' });
    for (const [url, problem] of [
      [withKey(undefined), 'no key'],
      [withKey('wrong-wrong-wrong-wrong'), 'wrong key'],
      [withKey(secret, `&key=${secret}`), 'several keys'],
    ] as const) {
      const { status, json, headers } = await post(url, body);
      expect({ status, json }).toEqual({
        status: 401,
        json: {
          error: 'unauthorized',
          message: 'A valid key is required: THIRD_PARTY_URL must end in ?key=<secret>',
        },
      });
      expect(headers.get('access-control-allow-origin')).toBe(agentOrigin); // the agent app can read why
      await xuc.daemon.waitForLog(() => rejected(problem).length > 0, `the ${problem} rejection`);
    }
    expect(crm.requests.filter((r) => r.includes('no-key-1'))).toEqual([]);
  });

  test('Origin is no authentication: a client without Origin still needs the key', async () => {
    const response = await fetch(withKey(undefined), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleRequest('2017', { callId: 'curl-1' })),
    });
    expect(response.status).toBe(401);
  });

  test('with the key the rules answer; the pane URL is unguessable, carries no key, and needs none', async () => {
    const { status, json } = await post(withKey(secret), sampleRequest('2017', { callId: 'keyed-1' }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ action: 'open', event: 'EventRinging', title: '<b>Acme</b> Trucks' });
    const url = String(json.url);
    expect(url).toMatch(
      new RegExp(
        `^${xuc.thirdPartyUrl}/pane/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`,
      ),
    );
    const pane = await fetch(url);
    expect(pane.status).toBe(200);
    expect(await pane.text()).toContain('A-42');
    expect((await fetch(`${xuc.thirdPartyUrl}/pane/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  test('the key never reaches the log, not even in the URL of a rejected request', async () => {
    const unsupported = await fetch(withKey(secret), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: agentOrigin },
      body: 'x',
    });
    expect(unsupported.status).toBe(415);
    const rejection = await xuc.daemon.waitForLog(
      (l) => l.reason === 'unsupported-media-type',
      'the media type rejection',
    );
    expect(rejection.path).toBe('/adapters/xucmgt');
    await xuc.daemon.waitForLog((l) => String(l.msg).startsWith('XucMgt web service ready'), 'ready');
    expect(xuc.daemon.logs.find((l) => String(l.msg).startsWith('XucMgt web service ready'))?.msg).toBe(
      `XucMgt web service ready: set THIRD_PARTY_URL=${xuc.thirdPartyUrl}?key=<secret>`,
    );
    expect(xuc.allOutput()).not.toContain(secret);
  });
});

describe('repeated POSTs for one ring (two tabs, a retry)', () => {
  test('are each answered, the same, and the rules (and their side effects) run once', async () => {
    const body = sampleRequest('2024', { callId: 'twice-1', token: 'jwt-of-james' });
    const [a, b] = await Promise.all([post(withKey(secret), body), post(withKey(secret), body)]);
    expect(a.status).toBe(200);
    expect(b.json).toEqual(a.json);
    const retry = await post(withKey(secret), body);
    expect(retry.json).toEqual(a.json);
    const repeats = () =>
      xuc.daemon.logs.filter((l) => String(l.msg).startsWith('repeated POST for call twice-1 '));
    await xuc.daemon.waitForLog(() => repeats().length === 2, 'both repeats to be logged');
    await waitFor(() => logged('twice-1').length === 1, "the first POST's interaction");
    // A later ring of another call is logged after it: by then any second run of twice-1 would show.
    await post(withKey(secret), sampleRequest('2024', { callId: 'marker-1', token: 'jwt-of-james' }));
    await waitFor(() => logged('marker-1').length === 1, 'the marker interaction');
    expect(logged('twice-1')).toHaveLength(1);
  });

  test('another agent, or another login (token) of the agent, runs the rules again', async () => {
    const james = sampleRequest('2024', { callId: 'twice-2', token: 'jwt-one' });
    await post(withKey(secret), james);
    await post(withKey(secret), sampleRequest('2024', { callId: 'twice-2', token: 'jwt-two' }));
    const other = { ...james, user: { ...(james.user as object), agentId: 7, userId: 9 } };
    await post(withKey(secret), other);
    await waitFor(() => logged('twice-2').length === 3, 'three interactions');
  });
});

describe('a POST is not queued behind the actions of an earlier POST of its call', () => {
  test("another agent's POST for the call is answered while the first POST's slow logging still runs", async () => {
    const first = sampleRequest('2017', { callId: 'busy-1', queue: 'slowlog' });
    expect((await post(withKey(secret), first)).json.action).toBe('open');
    await waitFor(
      () => crm.requests.some((r) => r.startsWith('/slow') && r.includes('busy-1')),
      'the slow log',
    );
    const second = { ...first, user: { ...(first.user as object), agentId: 7, userId: 9 } };
    const answered = await post(withKey(secret), second);
    expect(answered.json.action).toBe('open');
    expect(answered.ms).toBeLessThan(1000); // the first POST's logging takes 1500 ms
  });
});
