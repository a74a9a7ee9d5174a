import { waitFor } from '@switchboard/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { sampleRequest } from '../src/testing/index.js';
import { type CrmServer, startCrmServer } from './support/crmServer.js';
import { postJson } from './support/postJson.js';
import { startXucmgtDaemon, type XucmgtDaemon } from './support/startXucmgtDaemon.js';

/**
 * A restart of the daemon (SIGTERM, or a crash: SIGKILL) with the same state folder: what the agent app
 * got before it still holds after it. Requests are sent as the agent app sends them (its Origin, JSON,
 * the documented request shapes of `sampleRequest`); side effects are counted at the CRM.
 */
const agentOrigin = 'http://agent.example:8080';
const secret = 'Xk3-9aQ_pL7.vM2~wR8zT4';

let crm: CrmServer;
let xuc: XucmgtDaemon | undefined;

const rules = (crmOrigin: string) => `
rules:
  - name: support-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "trucks"] }
    do:
      - http: { url: "${crmOrigin}/contacts?phone={{ call.caller }}" }
        save: crm
      - thirdPartyOpen:
          event: ringing
          title: "{{ vars.crm.name }}"
          pane: { record: "{{ vars.crm }}", fields: [name, account] }
      - http: { url: "${crmOrigin}/interactions?call={{ call.id }}", okStatus: [404] }
  - name: slow-lookup-pane
    on: call.offered
    if: { "==": [{ var: call.queue }, "slow"] }
    do:
      - http: { url: "${crmOrigin}/held?call={{ call.id }}", timeout: 30000 }
        save: crm
      - thirdPartyOpen: { url: "https://crm.example/contact?phone={{ call.caller }}" }
      - http: { url: "${crmOrigin}/interactions?call={{ call.id }}", okStatus: [404] }
  - name: crm-page
    on: call.offered
    if: { "==": [{ var: call.queue }, "sales"] }
    do:
      - thirdPartyOpen:
          url: "https://crm.example/contact?phone={{ call.caller }}"
          passToken: { name: jwt, in: fragment }
      - http: { url: "${crmOrigin}/interactions?call={{ call.id }}", okStatus: [404] }
`;

const post = (daemon: XucmgtDaemon, body: object, key: string | undefined = secret) =>
  postJson(`${daemon.thirdPartyUrl}${key === undefined ? '' : `?key=${key}`}`, body, { origin: agentOrigin });
/** Interactions the rules logged for the call: a side effect that must happen once per ring. */
const logged = (callId: string) => crm.requests.filter((r) => r === `/interactions?call=${callId}`).length;

/**
 * Waits until the rules logged a later call too: by then a second run of the earlier calls' rules (which
 * would log them again) would show.
 */
async function settled(daemon: XucmgtDaemon, marker: string): Promise<void> {
  const reply = await post(daemon, sampleRequest('2024', { callId: marker, queue: 'sales', token: 'jwt-m' }));
  expect(reply.json.action).toBe('open');
  await waitFor(() => logged(marker) === 1, `the interaction of ${marker}`);
}

beforeAll(async () => {
  crm = await startCrmServer();
});

afterEach(async () => {
  await xuc?.stop();
  xuc = undefined;
});

afterAll(async () => {
  await crm?.close();
});

describe.each(['SIGTERM', 'SIGKILL'] as const)(
  'the daemon restarted with %s, same state folder',
  (signal) => {
    test('repeated POSTs get the first answers and the rules run once; the pane page is still served', async () => {
      xuc = await startXucmgtDaemon(
        { allowedOrigins: [agentOrigin], secret, repeatWindow: 120 },
        rules(crm.origin),
      );
      // A built-in pane, and a CRM page with the user's JWT in it.
      const paneCall = `pane-${signal}`;
      const paneBody = sampleRequest('2024', { callId: paneCall, queue: 'trucks', token: 'jwt-of-james' });
      const tokenCall = `token-${signal}`;
      const token = `eyJhbGciOiJIUzI1NiJ9.jwt-for-${signal}.c2lnbmF0dXJl`;
      const tokenBody = sampleRequest('2024', { callId: tokenCall, queue: 'sales', token });

      const first = await post(xuc, paneBody);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({
        action: 'open',
        event: 'EventRinging',
        title: '<b>Acme</b> Trucks',
      });
      const pane = new URL(String(first.json.url));
      expect((await fetch(pane)).status).toBe(200);
      const firstWithToken = await post(xuc, tokenBody);
      expect(firstWithToken.json.url).toBe(`https://crm.example/contact?phone=1001#jwt=${token}`);
      await waitFor(() => logged(paneCall) === 1 && logged(tokenCall) === 1, "the first POSTs' interactions");

      xuc = await xuc.restart(signal);
      const repeat = await post(xuc, paneBody);
      expect(repeat.status).toBe(200);
      // The same answer, byte for byte: the pane URL of the first run (its port included).
      expect(JSON.stringify(repeat.json)).toBe(JSON.stringify(first.json));
      const repeatWithToken = await post(xuc, tokenBody);
      expect(JSON.stringify(repeatWithToken.json)).toBe(JSON.stringify(firstWithToken.json));
      await xuc.daemon.waitForLog(
        (l) => String(l.msg).startsWith(`repeated POST for call ${paneCall} within repeatWindow`),
        'the repeat to be logged',
      );
      await settled(xuc, `marker-${signal}`);
      expect([logged(paneCall), logged(tokenCall)]).toEqual([1, 1]);

      // The page the agent app holds is served by the restarted daemon (here on a new port).
      const page = await fetch(`${xuc.daemon.address}${pane.pathname}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('A-42');
      expect(html).toContain('&lt;b&gt;Acme&lt;/b&gt; Trucks');

      // The JWT was never written to the state folder (the check sees what the store keeps: the call ids).
      await xuc.daemon.stop();
      expect(await stateHolds(xuc, `jwt-for-${signal}`)).toBe(false);
      expect(await stateHolds(xuc, tokenCall)).toBe(true);
    }, 90_000);
  },
);

test('SIGKILL before the rules answered: the retry after the restart runs the rules and is answered, once', async () => {
  xuc = await startXucmgtDaemon(
    { allowedOrigins: [agentOrigin], secret, repeatWindow: 120, answerTimeout: 10_000 },
    rules(crm.origin),
  );
  const callId = 'cut-off-1';
  const body = sampleRequest('2024', { callId, queue: 'slow', token: 'jwt-of-james' });
  const first = post(xuc, body).then(
    () => 'answered',
    () => 'failed',
  );
  // Killed while the rule waits for its lookup, before thirdPartyOpen; lookups answer after the restart.
  await waitFor(() => crm.requests.includes(`/held?call=${callId}`), 'the lookup');
  const restarted = xuc.restart('SIGKILL');
  expect(await first).toBe('failed');
  crm.release();
  xuc = await restarted;
  await xuc.daemon.waitForLog((l) => l.answerLost === 1, 'the lost answer to be reported at start-up');

  // The claim of the killed POST expires (answerTimeout + 1 s after it was made); then the retry runs
  // the rules itself.
  const retry = await post(xuc, body);
  expect(retry.json).toEqual({
    action: 'open',
    event: 'EventEstablished',
    url: 'https://crm.example/contact?phone=1001',
    autopause: false,
  });
  await settled(xuc, 'marker-cut-off');
  expect(logged(callId)).toBe(1);
}, 90_000);

test("a POST after a restart is a new event, not a duplicate of the last run's first POST", async () => {
  // No secret and no user token: each POST runs the rules. fastify numbers requests from 1 again.
  xuc = await startXucmgtDaemon({ allowedOrigins: [agentOrigin] }, rules(crm.origin));
  const callId = 'again-1';
  const body = sampleRequest('2017', { callId, queue: 'sales' });
  expect((await post(xuc, body, undefined)).json.action).toBe('open');
  await waitFor(() => logged(callId) === 1, "the first POST's interaction");

  xuc = await xuc.restart('SIGTERM');
  expect((await post(xuc, body, undefined)).json.action).toBe('open');
  await waitFor(() => logged(callId) === 2, "the second POST's interaction");
}, 60_000);

/** Whether any file of the daemon's state folder contains `text`. */
async function stateHolds(daemon: XucmgtDaemon, text: string): Promise<boolean> {
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const dir = join(daemon.dir.path, 'state');
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const file of files.filter((f) => f.isFile())) {
    const content = await readFile(join(file.parentPath, file.name));
    if (content.includes(text)) return true;
  }
  return false;
}
