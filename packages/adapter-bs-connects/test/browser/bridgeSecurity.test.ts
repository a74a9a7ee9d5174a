import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectsHarness } from '../../src/testing/index.js';
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

describe('the bridge key', () => {
  let env: BridgeEnvironment;
  let stale: ConnectsHarness;
  let browser: Browser;

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules });
    browser = env.browser;
    stale = await env.startHarness(env.bridgeHtml({ key: 'an-old-key-that-was-rotated' }));
  });
  afterAll(async () => {
    await stale?.close();
    await env?.close();
  });

  it('a bridge with a wrong key is refused, says so in the b+s log, and gets nothing', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(stale.tabUrl({ agentId: 'agent-eve' }));
    const status = await waitForBridge(page, 'refused');
    expect(status.lastError).toBe('unauthorized');
    const [log] = await waitForRequests(page, 'writeLog');
    expect(log?.args[0]).toContain('refused');
    expect(log?.args[1]).toBe('Error');
    const refusal = await env.daemon.waitForLog((l) => l.reason === 'bridge-refused', 'the refusal');
    expect(refusal).toMatchObject({ problem: 'wrong key', origin: stale.url });
    expect(await requestsOf(page, 'createSession')).toHaveLength(0);
  });

  it('a bridge with the right key, from another origin, connects', async () => {
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
