import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bridgeStatus,
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
  - name: call-journal
    description: Writes each call change into the agent's b+s log, so the order is visible.
    on: [call.answered, call.held, call.resumed, call.wrapup]
    do:
      - log: { message: "{{ vendorEvent }} {{ call.id }}", level: debug }
`;
const tab = (page: Page) => page.evaluate.bind(page);

describe('the bridge survives a daemon restart', () => {
  let env: BridgeEnvironment;
  let page: Page;

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules, bridge: { maxQueuedEvents: 4 } });
    page = await openAgentTab(await env.browser.newContext(), env.harness, { agentId: 'agent-rita' });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('delivers the events raised while the daemon was away in order, and reports what it dropped', async () => {
    await tab(page)(() =>
      (window as unknown as TabWindow).connects.offerCall({ id: 'wi-300', ani: '+41440003000' }),
    );
    await waitForRequests(page, 'createSession');

    await env.daemon.stop();
    await waitForBridge(page, 'disconnected');
    await tab(page)(() => {
      const c = (window as unknown as TabWindow).connects;
      c.answer('wi-300'); // the oldest of five: dropped, the bridge keeps four
      c.hold('wi-300');
      c.resume('wi-300');
      c.wrapup('wi-300');
      c.placeCall('+15550300'); // no daemon to decide: the bridge dials the original number at once…
    }); // …and the outgoing call's workitemCreate is the fifth event
    // "At once" is once the tab holds the dial's Web Lock (asynchronous); the emulator raises the
    // outgoing call's workitemCreate in the same task as it records the request.
    const [dial] = await waitForRequests(page, 'dialOrConsult');
    expect(dial?.args.slice(0, 2)).toEqual(['voice', '+15550300']);
    expect((await bridgeStatus(page))?.queued).toBe(4);
    expect(await requestsOf(page, 'dialOrConsult')).toHaveLength(1);

    const daemon = await env.restartDaemon();
    await waitForBridge(page, 'connected');
    const logs = await waitForRequests(page, 'writeLog', 3);
    expect(logs.map((r) => r.args)).toEqual([
      ['bs-connects.workitemPause wi-300', 'Debug'],
      ['bs-connects.workitemResume wi-300', 'Debug'],
      ['bs-connects.workitemWrapup wi-300', 'Debug'],
    ]);
    const report = await daemon.waitForLog((l) => l.reason === 'bridge-events-dropped', 'the drop report');
    expect(report).toMatchObject({ agentId: 'agent-rita', dropped: 1 });
    await daemon.waitForLog((l) => l.undecidedDials === 1, 'the dial decided while away to be reported');
    await daemon.waitForLog(
      (l) => l.type === 'call.outbound' && l.msg.startsWith('event'),
      'the outgoing call',
    );
    expect((await bridgeStatus(page))?.queued).toBe(0);
  });
});
