import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bridgeStatus,
  openAgentTab,
  requestsOf,
  type TabWindow,
  waitForRequests,
} from '../support/agentTabs.js';
import { type BridgeEnvironment, startBridgeEnvironment } from '../support/startBridgeEnvironment.js';

const rules = `
rules:
  - name: screen-pop
    on: call.offered
    do:
      - createSession: { template: incoming_call, parameters: { number: "{{ call.caller }}", agent: "{{ agent.id }}" } }
      - notification: { body: "Call from {{ call.caller }}" }
`;

describe('two agents connected: actions go to the agent the event belongs to', () => {
  let env: BridgeEnvironment;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules });
    // Two browser contexts: two agents on two machines.
    alice = await openAgentTab(await env.browser.newContext(), env.harness, {
      agentId: 'agent-alice',
      firstName: 'Alice',
    });
    bob = await openAgentTab(await env.browser.newContext(), env.harness, {
      agentId: 'agent-bob',
      firstName: 'Bob',
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it("an action for agent A never reaches agent B's browser", async () => {
    await alice.evaluate(() =>
      (window as unknown as TabWindow).connects.offerCall({ id: 'wi-a1', ani: '+41440000001' }),
    );
    const [pop] = await waitForRequests(alice, 'createSession');
    expect(pop?.args).toEqual(['incoming_call', { number: '+41440000001', agent: 'agent-alice' }]);
    await waitForRequests(alice, 'showInfo');

    // Bob's call: once his own two actions arrived, anything meant for Alice would have too.
    await bob.evaluate(() =>
      (window as unknown as TabWindow).connects.offerCall({ id: 'wi-b1', ani: '+41440000002' }),
    );
    const [bobPop] = await waitForRequests(bob, 'createSession');
    await waitForRequests(bob, 'showInfo');
    expect(bobPop?.args).toEqual(['incoming_call', { number: '+41440000002', agent: 'agent-bob' }]);

    expect(await requestsOf(alice, 'createSession')).toHaveLength(1);
    expect(await requestsOf(bob, 'createSession')).toHaveLength(1);
    // At the transport: each bridge received exactly its own agent's two requests.
    expect((await bridgeStatus(alice))?.requests).toBe(2);
    expect((await bridgeStatus(bob))?.requests).toBe(2);
  });
});
