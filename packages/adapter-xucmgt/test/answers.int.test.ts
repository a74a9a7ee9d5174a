import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleRequest, sampleUserToken } from '../src/testing/index.js';
import { type CrmServer, startCrmServer } from './support/crmServer.js';
import { postJson } from './support/postJson.js';
import { startXucmgtDaemon, type XucmgtDaemon } from './support/startXucmgtDaemon.js';

const agentOrigin = 'http://agent.example:8080';
const answerTimeout = 400;
/** Far longer than the deadline, so an answer that waited for the lookup cannot pass for one on time. */
const slowLookupMs = 4000;
const token = sampleUserToken('jbond', 'U0VDUkVULXNpZ25hdHVyZS1kby1ub3QtbG9n');

let crm: CrmServer;
let xuc: XucmgtDaemon;

const post = (body: object) => postJson(xuc.thirdPartyUrl, body, { origin: agentOrigin });

const rules = (crmOrigin: string) => `
rules:
  - name: trucks-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "trucks"] }
    do:
      - thirdPartyOpen:
          event: established
          url: "${crmOrigin}/contact?phone={{ call.caller }}&call={{ call.id }}"
          title: "Trucks {{ call.caller }}"
          autopause: true
      - http: { url: "${crmOrigin}/slow?ms=1500&after=answer", timeout: 5000 }

  - name: slow-lookup
    on: call.offered
    if: { "==": [{ var: call.queue }, "slow"] }
    do:
      - http: { url: "${crmOrigin}/slow?ms=${slowLookupMs}&phone={{ call.caller }}", timeout: 8000 }
        save: crm
      - thirdPartyOpen: { event: ringing, pane: { record: "{{ vars.crm }}" } }

  - name: crm-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "support"] }
    do:
      - http: { url: "${crmOrigin}/contacts?phone={{ call.caller }}" }
        save: crm
      - thirdPartyOpen:
          event: ringing
          title: "{{ vars.crm.name }}"
          pane: { record: "{{ vars.crm }}", fields: [name, account] }

  - name: token-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "tokens"] }
    do:
      - thirdPartyOpen:
          url: "${crmOrigin}/contact?phone={{ call.caller }}"
          passToken: { name: jwt, in: query }
      - log: { message: "pane for {{ call.caller }} by {{ agent.name }}, token in raw: {{ raw.user.token }}" }
`;

beforeAll(async () => {
  crm = await startCrmServer();
  xuc = await startXucmgtDaemon({ allowedOrigins: [agentOrigin], answerTimeout }, rules(crm.origin));
});

afterAll(async () => {
  await xuc?.stop();
  await crm?.close();
});

describe('answers decided by rules in the real daemon', () => {
  test('a slow http lookup past the deadline answers none on time, and the timeout is logged', async () => {
    const { json, ms } = await post(sampleRequest('2017', { queue: 'slow', callId: 'slow-1' }));
    expect(json).toEqual({ action: 'none' });
    expect(ms).toBeGreaterThanOrEqual(answerTimeout - 20);
    // On time means at the deadline, not after the lookup: the margin absorbs a loaded machine's delays.
    expect(ms).toBeLessThan(slowLookupMs - 500);
    const line = await xuc.daemon.waitForLog(
      (l) => typeof l.msg === 'string' && l.msg.includes('within 400 ms') && l.callId === 'slow-1',
      'the timeout to be logged',
    );
    expect(line.level).toBe(40);
  });

  test('a fast lookup answers within the deadline with the record in the built-in pane', async () => {
    const { json } = await post(
      sampleRequest('2024', { queue: 'support', caller: '1002', callId: 'support-1' }),
    );
    expect(json).toMatchObject({ action: 'open', event: 'EventRinging', title: '<b>Acme</b> Trucks' });
    expect(json.url).toMatch(new RegExp(`^${xuc.thirdPartyUrl}/pane/[0-9a-f-]{36}$`));
    const page = await fetch(String(json.url));
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors ${agentOrigin}`);
    const html = await page.text();
    expect(html).toContain('&lt;b&gt;Acme&lt;/b&gt; Trucks');
    expect(html).toContain('A-42');
    expect(html).not.toContain('internal');
    expect(html).toContain('<button id="done"');
  });

  test('actions after the answer run later and never delay it', async () => {
    const before = crm.requests.filter((r) => r.includes('after=answer')).length;
    const { json, ms } = await post(sampleRequest('2017', { callId: 'later-1' }));
    expect(json.action).toBe('open');
    expect(ms).toBeLessThan(1000);
    await xuc.daemon.waitForLog(
      (l) => l.action === 'http' && typeof l.eventId === 'string' && l.eventId.includes('later-1'),
      'the http action after the answer to finish',
    );
    expect(crm.requests.filter((r) => r.includes('after=answer')).length).toBeGreaterThan(before);
  });

  test('the user JWT reaches a URL only when the rule asks, and never the logs', async () => {
    const { json } = await post(sampleRequest('2024', { queue: 'tokens', token, callId: 'token-1' }));
    expect(json.url).toBe(`${crm.origin}/contact?phone=1001&jwt=${encodeURIComponent(token)}`);
    const trucks = await post(sampleRequest('2024', { token, callId: 'token-2' }));
    expect(String(trucks.json.url)).not.toContain('jwt');
    expect(String(trucks.json.url)).not.toContain(token.split('.')[2]);
    await xuc.daemon.waitForLog(
      (l) => l.msg === 'pane for 1001 by James Bond, token in raw: [withheld]',
      'the log action',
    );
    const output = xuc.allOutput();
    expect(output).toContain('answered XucMgt: open');
    for (const part of token.split('.').slice(1)) expect(output).not.toContain(part);
  });
});
