import { waitFor } from '@switchboard/test-support';
import type { BrowserContext, Page } from 'playwright-core';
import type { BridgeStatus } from '../../src/bridge/browser/browserTypes.js';
import type { ConnectsHarness, ConnectsTab, RecordedRequest } from '../../src/testing/index.js';

/** The bridge's status as its page shows it (`window.switchboardBridge` in the integration frame). */
export function bridgeStatus(page: Page): Promise<BridgeStatus | undefined> {
  return page.evaluate(() => {
    const frame = document.getElementById('integration') as HTMLIFrameElement | null;
    return (frame?.contentWindow as unknown as { switchboardBridge?: BridgeStatus } | null)
      ?.switchboardBridge;
  });
}

/** Waits until the tab's bridge reaches a state (and role, when given). */
export function waitForBridge(
  page: Page,
  state: BridgeStatus['state'],
  role?: BridgeStatus['role'],
): Promise<BridgeStatus> {
  return waitFor(
    async () => {
      const status = await bridgeStatus(page);
      return status?.state === state && (role === undefined || status.role === role) ? status : undefined;
    },
    `the bridge to be ${state}${role ? ` (${role})` : ''}`,
    10_000,
  );
}

/** The agent of a tab, and how its emulated b+s Connects behaves (see `ConnectsHarness.tabUrl`). */
export type TabSetup = Parameters<ConnectsHarness['tabUrl']>[0];

/** Opens an emulated b+s Connects tab for an agent (without waiting for its bridge). */
export async function openTab(
  context: BrowserContext,
  harness: ConnectsHarness,
  agent: TabSetup,
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${agent.agentId}] page error: ${error.message}`));
  await page.goto(harness.tabUrl(agent));
  return page;
}

/** Opens an emulated b+s Connects tab for an agent and waits for its bridge to connect. */
export async function openAgentTab(
  context: BrowserContext,
  harness: ConnectsHarness,
  agent: TabSetup,
  role: BridgeStatus['role'] = 'primary',
): Promise<Page> {
  const page = await openTab(context, harness, agent);
  await waitForBridge(page, 'connected', role);
  return page;
}

/** Requests the tab's emulated library received, by name. */
export function requestsOf(page: Page, name: string): Promise<RecordedRequest[]> {
  return page.evaluate(
    (n) =>
      (window as unknown as { connects: { requestsOf(n: string): RecordedRequest[] } }).connects.requestsOf(
        n,
      ),
    name,
  );
}

/** Waits until the tab received `count` requests named `name`; returns them. */
export function waitForRequests(page: Page, name: string, count = 1): Promise<RecordedRequest[]> {
  return waitFor(async () => {
    const found = await requestsOf(page, name);
    return found.length >= count ? found : undefined;
  }, `${count} ${name} request(s)`);
}

/** The emulated b+s Connects of the page (`window.connects`), for use inside `page.evaluate`. */
export type TabWindow = Window & { connects: ConnectsTab };
