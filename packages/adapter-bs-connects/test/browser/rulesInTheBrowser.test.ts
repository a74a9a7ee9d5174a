import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAgentTab, type TabWindow, waitForRequests } from '../support/agentTabs.js';
import { type BridgeEnvironment, startBridgeEnvironment } from '../support/startBridgeEnvironment.js';

const rules = `
rules:
  - name: screen-pop-inbound
    on: bs-connects.workitemCreate
    if: { "==": [{ var: call.direction }, "inbound"] }
    do:
      - createSession:
          template: incoming_call
          parameters:
            customerNumber: "{{ call.caller }}"
            orderNumber: "{{ vars.orderNumber }}"
            contact: "{{ call.callerName }}"
  - name: not-ready-in-wrapup
    on: call.wrapup
    do:
      - setAgentState: { state: NotReady, reasonCode: "13" }
  - name: add-area-code
    description: Numbers dialed without a country code get the Zurich one.
    on: dial.requested
    if: { "!=": [{ substr: [{ var: vars.dialedNumber }, 0, 1] }, "+"] }
    do:
      - dial: { phoneNumber: "+4144{{ vars.dialedNumber }}" }
`;

describe('rules drive b+s Connects in real Chromium, against rules-runner start', () => {
  let env: BridgeEnvironment;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules, viaCli: true });
    context = await env.browser.newContext();
    page = await openAgentTab(context, env.harness, {
      agentId: 'agent-anna',
      firstName: 'Anna',
      extension: '2001',
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('an inbound workitemCreate fires createSession with the templated parameters', async () => {
    await page.evaluate(() =>
      (window as unknown as TabWindow).connects.offerCall({
        id: 'wi-100',
        ani: '+41445559876',
        ctiData: { orderNumber: 'A-42' },
        participant: { id: 'c-1', name: 'Erika Muster', recordType: 'contact' },
      }),
    );
    const [pop] = await waitForRequests(page, 'createSession');
    expect(pop?.args).toEqual([
      'incoming_call',
      { customerNumber: '+41445559876', orderNumber: 'A-42', contact: 'Erika Muster' },
    ]);
  });

  it('workitemWrapup sets the agent NotReady with the reason code', async () => {
    await page.evaluate(() => {
      const tab = (window as unknown as TabWindow).connects;
      tab.answer('wi-100');
      tab.wrapup('wi-100');
    });
    const [request] = await waitForRequests(page, 'setAgentState');
    expect(request?.args.slice(0, 3)).toEqual(['voice', 'NotReady', '13']);
    const checked = await page.evaluate(() =>
      (window as unknown as TabWindow).connects.requestsOf('getReasonCodeList'),
    );
    expect(checked.map((r) => r.args)).toEqual([['voice', 'NotReady']]);
    const state = await page.evaluate(() => (window as unknown as TabWindow).connects.agentState);
    expect(state).toMatchObject({ state: 'NotReady', reasonCode: '13', reasonCodeLabel: 'After call work' });
  });

  it('a beforeDial handled by a rule dials the rewritten number', async () => {
    await page.evaluate(() => (window as unknown as TabWindow).connects.placeCall('5551234'));
    const [dial] = await waitForRequests(page, 'dialOrConsult');
    expect(dial?.args.slice(0, 2)).toEqual(['voice', '+41445551234']);
    await env.daemon.waitForLog(
      (l) => l.msg?.startsWith('action dial via bs ok') === true,
      'the dial action',
    );
  });

  it('a beforeDial no rule handles dials the original number', async () => {
    await page.evaluate(() => (window as unknown as TabWindow).connects.placeCall('+15550100'));
    const dials = await waitForRequests(page, 'dialOrConsult', 2);
    expect(dials.map((d) => d.args[1])).toEqual(['+41445551234', '+15550100']);
    await env.daemon.waitForLog(
      (l) => l.msg === 'no rule dialed: the bridge dials the original number',
      'the no-rule log line',
    );
    const placed = await page.evaluate(() =>
      [...(window as unknown as TabWindow).connects.workitems.values()].map((w) => [w.direction, w.ani]),
    );
    expect(placed).toContainEqual(['Outgoing', '+15550100']);
  });

  it("b+s refuses the rule's number: the tab dials the original number, and the rule's dial fails saying so", async () => {
    await page.evaluate(() => {
      const tab = (window as unknown as TabWindow).connects;
      tab.refuse('dialOrConsult', 'invalid address', '+41440009999');
      tab.placeCall('0009999');
    });
    const dials = await waitForRequests(page, 'dialOrConsult', 4);
    expect(dials.slice(2).map((d) => d.args.slice(0, 2))).toEqual([
      ['voice', '+41440009999'],
      ['voice', '0009999'],
    ]);
    const placed = await page.evaluate(() =>
      [...(window as unknown as TabWindow).connects.workitems.values()].map((w) => [w.direction, w.ani]),
    );
    expect(placed).toContainEqual(['Outgoing', '0009999']);
    const failed = await env.daemon.waitForLog(
      (l) => l.msg?.startsWith('action dial via bs FAILED') === true,
      'the failed dial action',
    );
    expect(failed.msg).toContain(
      "b+s Connects did not dial +41440009999 (invalid address); the agent's tab dialed the original number 0009999 instead",
    );
  });
});
