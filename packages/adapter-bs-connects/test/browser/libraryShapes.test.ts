import { waitFor } from '@switchboard/test-support';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bridgeStatus,
  openAgentTab,
  openTab,
  requestsOf,
  type TabWindow,
  waitForBridge,
  waitForRequests,
} from '../support/agentTabs.js';
import { type BridgeEnvironment, startBridgeEnvironment } from '../support/startBridgeEnvironment.js';

const rules = `
rules:
  - name: screen-pop
    on: call.offered
    do:
      - createSession: { template: incoming_call, parameters: { number: "{{ call.caller }}" } }
`;

interface Readiness {
  readonly status: number;
  readonly body: { instances: { instance: string; state: string; detail?: string }[] };
}
const readiness = async (env: BridgeEnvironment): Promise<Readiness> => {
  const response = await fetch(`${env.daemon.admin}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
};

describe('the bridge takes the Integration API in either shape the library hands it over', () => {
  let env: BridgeEnvironment;
  let context: BrowserContext;

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules });
    context = await env.browser.newContext();
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each([
    ['callback', 'the API object handed to the initIntegration callback'],
    ['global', 'the ConnectsIntegrationLibrary global itself'],
  ] as const)(
    'library shape `%s` (%s): the bridge identifies, forwards events and makes requests',
    async (library, _how) => {
      const agentId = `agent-${library}`;
      const page = await openAgentTab(context, env.harness, { agentId, library }, 'primary');
      expect((await bridgeStatus(page))?.agentId).toBe(agentId);
      await page.evaluate(() =>
        (window as unknown as TabWindow).connects.offerCall({ id: 'wi-shape', ani: '+41440002222' }),
      );
      const [pop] = await waitForRequests(page, 'createSession');
      expect(pop?.args).toEqual(['incoming_call', { number: '+41440002222' }]);
      await page.evaluate(() => (window as unknown as TabWindow).connects.placeCall('+15550111'));
      const [dial] = await waitForRequests(page, 'dialOrConsult');
      expect(dial?.args.slice(0, 2)).toEqual(['voice', '+15550111']);
      await page.close();
    },
  );

  it('an incompatible library is reported once: in the b+s log, the daemon log and readiness; ready again when that tab closes', async () => {
    expect((await readiness(env)).status).toBe(200);
    const page = await openTab(context, env.harness, { agentId: 'agent-other', library: 'other-product' });
    const status = await waitForBridge(page, 'failed');
    const problem =
      'incompatible b+s integration library: the API object the initIntegration callback got lacks getChannel, isPrimaryTab, onWorkitemCreate, and ConnectsIntegrationLibrary lacks getChannel, isPrimaryTab, onWorkitemCreate';
    expect(status.lastError).toBe(problem);
    const [log] = await waitForRequests(page, 'writeLog');
    expect(log?.args).toEqual([
      `Switchboard bridge: ${problem}; this bridge cannot work with this b+s Connects version`,
      'Error',
    ]);
    const line = await env.daemon.waitForLog(
      (l) => l.msg === `a b+s bridge cannot work: ${problem}`,
      'the problem in the daemon log',
    );
    expect(line).toMatchObject({ level: 50, problem, origin: env.harness.url });
    const notReady = await waitFor(async () => {
      const r = await readiness(env);
      return r.status === 503 ? r : undefined;
    }, 'the daemon to be not ready');
    expect(notReady.body.instances).toEqual([
      expect.objectContaining({
        instance: 'bs',
        state: 'failed',
        detail: `a b+s bridge cannot work: ${problem}`,
      }),
    ]);
    expect(await requestsOf(page, 'writeLog')).toHaveLength(1);
    expect(await requestsOf(page, 'getChannel')).toHaveLength(0);
    await page.close();
    await waitFor(async () => (await readiness(env)).status === 200, 'the daemon to be ready again');
    expect(env.daemon.logs.filter((l) => l.msg === `a b+s bridge cannot work: ${problem}`)).toHaveLength(1);
  });
});
