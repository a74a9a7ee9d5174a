import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openAgentTab,
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
      - createSession: { template: incoming_call }
`;

describe('the bridge key and origin', () => {
  let env: BridgeEnvironment;
  let browser: Browser;

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules }); // origins: [the emulated Dynamics host]
    browser = env.browser;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a bridge with a wrong key is refused, says so in the b+s log, and gets nothing', async () => {
    // A web resource still carrying a rotated key, on the allowed Dynamics host.
    env.harness.setIntegrationHtml(env.bridgeHtml({ key: 'an-old-key-that-was-rotated' }));
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(env.harness.tabUrl({ agentId: 'agent-eve' }));
      const status = await waitForBridge(page, 'refused');
      expect(status.lastError).toBe('unauthorized');
      const [log] = await waitForRequests(page, 'writeLog');
      expect(log?.args[0]).toContain('refused');
      expect(log?.args[1]).toBe('Error');
      const refusal = await env.daemon.waitForLog((l) => l.reason === 'bridge-refused', 'the refusal');
      expect(refusal).toMatchObject({ problem: 'wrong key', origin: env.harness.url });
      expect(await requestsOf(page, 'createSession')).toHaveLength(0);
    } finally {
      env.harness.setIntegrationHtml(env.bridgeHtml());
    }
  });

  it('a bridge with the right key on an origin not in `origins` never connects and gets nothing', async () => {
    const elsewhere = await env.startHarness(env.bridgeHtml());
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(elsewhere.tabUrl({ agentId: 'agent-mallory' }));
      const status = await waitForBridge(page, 'disconnected');
      expect(status.lastError).toBeDefined();
      await page.evaluate(() => (window as unknown as TabWindow).connects.offerCall({ ani: '+41440000666' }));
      await new Promise((r) => setTimeout(r, 500));
      expect(await requestsOf(page, 'createSession')).toHaveLength(0);
      expect(env.daemon.logs.some((l) => l.msg === 'bridge of agent agent-mallory connected')).toBe(false);
    } finally {
      await elsewhere.close();
    }
  });

  it("a bridge with the right key, from the allowed Dynamics origin (not the daemon's), connects", async () => {
    const page = await openAgentTab(await browser.newContext(), env.harness, { agentId: 'agent-eve' });
    expect(new URL(env.harness.url).origin).not.toBe(new URL(env.daemon.address!).origin);
    await page.evaluate(() =>
      (window as unknown as TabWindow).connects.offerCall({
        ani: '+41440000777',
      }),
    );
    await waitForRequests(page, 'createSession');
  });
});
