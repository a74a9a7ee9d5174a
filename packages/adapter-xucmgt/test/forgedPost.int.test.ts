import { waitFor } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleRequest, sampleUserToken } from '../src/testing/index.js';
import { type CrmServer, startCrmServer } from './support/crmServer.js';
import { postJson } from './support/postJson.js';
import { startXucmgtDaemon, type XucmgtDaemon } from './support/startXucmgtDaemon.js';

const agentOrigin = 'http://agent.example:8080';
const agentJwt = sampleUserToken('jbond');

let xuc: XucmgtDaemon;
let crm: CrmServer;

const post = (body: object) => postJson(xuc.thirdPartyUrl, body, { origin: agentOrigin });
const lookups = (callId: string) =>
  crm.requests.filter((r) => r.startsWith('/slow') && r.endsWith(`call=${callId}`));
const phoneOf = (answer: Record<string, unknown>) => new URL(String(answer.url)).searchParams.get('phone');

/** The agent's own POST, and a forger's with the same call and agent but another caller. */
function pair(shape: '2017' | '2024', callId: string, forgedToken?: string) {
  const real = sampleRequest(shape, { callId, caller: '+3228887766', token: agentJwt });
  const forged = sampleRequest(shape, { callId, caller: '0900-ATTACKER' });
  const forgedUser = { ...(forged.user as Record<string, unknown>) };
  delete forgedUser.token;
  if (forgedToken !== undefined) forgedUser.token = forgedToken;
  return { real, forged: { ...forged, user: forgedUser } };
}

beforeAll(async () => {
  crm = await startCrmServer();
  // No `secret` (the default), repeatWindow 10 s (the default): the set-up of the forged-POST report.
  xuc = await startXucmgtDaemon(
    { allowedOrigins: [agentOrigin] },
    `
rules:
  - name: crm-pane
    on: call.offered
    do:
      - http: { url: "${crm.origin}/slow?ms=400&call={{ call.id }}", timeout: 5000 }
      - thirdPartyOpen: { url: "https://crm.example/contacts?phone={{ call.caller }}" }
`,
  );
});

afterAll(async () => {
  await xuc?.stop();
  await crm?.close();
});

describe('without a secret, a forged POST cannot decide the agent\u2019s answer', () => {
  test.each([
    ['2017', 'forged-2017', undefined],
    ['2024', 'forged-2024', undefined],
    ['2024', 'forged-2024b', 'made-up.jwt.value'],
  ] as const)(
    '%s: a forged POST still being answered when the real one arrives (%s)',
    async (shape, callId, forgedToken) => {
      const { real, forged } = pair(shape, callId, forgedToken);
      const forgedReply = post(forged);
      // the forged POST's rules are running (its lookup reached the CRM) when the agent's browser POSTs
      await waitFor(() => lookups(callId).length === 1, "the forged POST's lookup");
      const realReply = await post(real);
      expect(realReply.status).toBe(200);
      expect(phoneOf(realReply.json)).toBe('+3228887766');
      expect(phoneOf((await forgedReply).json)).toBe('0900-ATTACKER');
      expect(lookups(callId)).toHaveLength(2); // the rules ran for each
    },
  );

  test('2017: a forged POST answered a moment before, within repeatWindow, is not replayed', async () => {
    const { real, forged } = pair('2017', 'forged-then-real');
    expect(phoneOf((await post(forged)).json)).toBe('0900-ATTACKER');
    expect(phoneOf((await post(real)).json)).toBe('+3228887766');
  });

  test("the agent's own repeat (a second tab with the same JWT) still gets the first answer, rules run once", async () => {
    const { real } = pair('2024', 'two-tabs');
    const [a, b] = await Promise.all([post(real), post(real)]);
    expect(b.json).toEqual(a.json);
    expect(phoneOf(a.json)).toBe('+3228887766');
    await xuc.daemon.waitForLog(
      (l) => String(l.msg).startsWith('repeated POST for call two-tabs '),
      'the repeat to be logged',
    );
    expect(lookups('two-tabs')).toHaveLength(1);
  });
});
