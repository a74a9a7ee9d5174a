import { waitFor } from '@switchboard/test-support';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/testing/index.js';
import { bridgeStatus, openAgentTab, requestsOf, type TabWindow } from '../support/agentTabs.js';
import { type BridgeEnvironment, startBridgeEnvironment } from '../support/startBridgeEnvironment.js';

const rules = `
rules:
  - name: add-area-code
    on: dial.requested
    if: { "==": [{ substr: [{ var: vars.dialedNumber }, 0, 1] }, "5"] }
    do:
      - dial: { phoneNumber: "+4144{{ vars.dialedNumber }}" }
`;

/** Every dialOrConsult the agent's tabs made, whichever tab made it, in the order they were made. */
async function dialsOf(tabs: readonly Page[]): Promise<RecordedRequest[]> {
  const dials = (await Promise.all(tabs.map((t) => requestsOf(t, 'dialOrConsult')))).flat();
  return dials.sort((a, b) => a.at - b.at);
}
const dialed = (dials: readonly RecordedRequest[]) => dials.map((d) => d.args[1]);
/** Waits until no tab of the agent still holds a dial (its own, or the claim against copies). */
const settled = (tabs: readonly Page[]) =>
  waitFor(async () => {
    const statuses = await Promise.all(tabs.map((t) => bridgeStatus(t)));
    return statuses.every((s) => s?.dialing === 0);
  }, 'the tabs to finish their dials');
const requested = (env: BridgeEnvironment) =>
  env.daemon.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('event dial.requested'));

describe('an agent with two tabs, b+s raising beforeDial in every tab (rules-runner start, Chromium)', () => {
  let env: BridgeEnvironment;
  let context: BrowserContext;
  let tabs: Page[];

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules });
    context = await env.browser.newContext();
    const agent = { agentId: 'agent-eve', beforeDial: 'every-tab' as const };
    tabs = [
      await openAgentTab(context, env.harness, agent, 'primary'),
      await openAgentTab(context, env.harness, agent, 'secondary'),
    ];
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each([
    ['from the primary tab', 0, '+15550142', '+15550142', 1],
    ['from the secondary tab', 1, '+15550143', '+15550143', 2],
    ['rewritten by a rule, from the secondary tab', 1, '5551234', '+41445551234', 3],
  ])('one dial per beforeDial %s', async (_where, from, number, expected, total) => {
    await tabs[from]?.evaluate((n) => (window as unknown as TabWindow).connects.placeCall(n), number);
    await waitFor(async () => (await dialsOf(tabs)).length >= total, 'the dial');
    await settled(tabs);
    const dials = await dialsOf(tabs);
    expect(dialed(dials).slice(total - 1)).toEqual([expected]);
    expect(dials).toHaveLength(total);
    expect(requested(env)).toHaveLength(total);
  });

  it('the same number dialed again later is dialed again', async () => {
    await tabs[0]?.evaluate(() => (window as unknown as TabWindow).connects.placeCall('+15550142'));
    await waitFor(async () => (await dialsOf(tabs)).length >= 4, 'the second dial of the number');
    await settled(tabs);
    expect(dialed(await dialsOf(tabs))).toEqual(['+15550142', '+15550143', '+41445551234', '+15550142']);
  });
});
