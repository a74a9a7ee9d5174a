import type { BrowserContext, Page } from 'playwright-core';
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
      - createSession: { template: incoming_call, parameters: { number: "{{ call.caller }}" } }
`;
const agent = { agentId: 'agent-tom', firstName: 'Tom', extension: '3001' };
const offeredLines = (env: BridgeEnvironment, callId: string) =>
  env.daemon.logs.filter(
    (l) => l.msg === 'event call.offered (bs-connects.workitemCreate) from bs' && l.callId === callId,
  );

describe('one agent, several tabs, and login recovery', () => {
  let env: BridgeEnvironment;
  let context: BrowserContext;
  let first: Page;
  let second: Page;

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules });
    context = await env.browser.newContext();
    first = await openAgentTab(context, env.harness, agent, 'primary');
    second = await openAgentTab(context, env.harness, agent, 'secondary');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('two tabs get the call; only the primary forwards it: one screen-pop', async () => {
    await first.evaluate(() =>
      (window as unknown as TabWindow).connects.offerCall({ id: 'wi-200', ani: '+41440001111' }),
    );
    await waitForRequests(first, 'createSession');
    // Both tabs' integrations saw the call.
    const seen = await second.evaluate(() =>
      (window as unknown as TabWindow).connects.workitems.has('wi-200'),
    );
    expect(seen).toBe(true);
    // Barrier: the secondary tab forwards the dial raised in it; anything it sent before is handled by then.
    await second.evaluate(() => (window as unknown as TabWindow).connects.placeCall('+15550199'));
    const [dial] = await waitForRequests(second, 'dialOrConsult');
    expect(dial?.args.slice(0, 2)).toEqual(['voice', '+15550199']);
    expect(await requestsOf(first, 'createSession')).toHaveLength(1);
    expect(await requestsOf(second, 'createSession')).toHaveLength(0);
    expect(offeredLines(env, 'wi-200')).toHaveLength(1);
    expect((await bridgeStatus(second))?.requests).toBe(0);
  });

  it('login recovery raises workitemCreate again; no second screen-pop', async () => {
    await first.evaluate(() => (window as unknown as TabWindow).connects.answer('wi-200'));
    await first.evaluate(() => (window as unknown as TabWindow).connects.loginRecovery());
    const status = await waitForBridge(first, 'connected', 'primary');
    await env.daemon.waitForLog(
      (l) => l.msg === 'duplicate event ignored' && l.eventId === 'agent-tom:wi-200:workitemCreate',
      'the recovered workitemCreate to be recognised as a duplicate',
    );
    expect(status.agentId).toBe('agent-tom');
    expect(await requestsOf(first, 'createSession')).toHaveLength(1);
    expect(offeredLines(env, 'wi-200')).toHaveLength(1);
  });
});
