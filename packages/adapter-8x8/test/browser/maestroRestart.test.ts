import { waitFor } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { maestroEvent } from '../../src/testing/maestroSamples.js';
import type { CrmRequest } from '../support/crmServer.js';
import {
  type AgentPage,
  type MaestroEnvironment,
  startMaestroEnvironment,
} from '../support/maestroEnvironment.js';

const rules = `rules:
  - name: log-call-events
    on: [call.offered, call.answered, call.wrapup, call.ended]
    do:
      - http:
          method: POST
          url: "\${crm}/calls"
          body: { eventId: "{{ id }}", type: "{{ type }}", agent: "{{ agent.id }}" }
  - name: click-to-dial-on-offer
    on: call.offered
    do:
      - dial: { phoneNumber: "{{ call.caller }}" }
`;

/** The events of one call, as the Maestro iframe posts them. */
const call = (id: string, number: string) =>
  (['offered', 'accepted', 'completed', 'terminated'] as const).map((eventName) =>
    maestroEvent({ eventName, eventId: `${id}-${eventName}`, searchContext: number }),
  );
const eventIdsOf = (agent: string, id: string) =>
  ['offered', 'accepted', 'completed', 'terminated'].map((e) => `maestro:${agent}:${e}:${id}-${e}`);

/** How many CRM requests each event id caused. */
function countByEvent(requests: readonly CrmRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const id = String((r.body as { eventId?: unknown }).eventId);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('Maestro bridges and a graceful daemon restart (rules-runner start, SIGTERM, real Chromium)', () => {
  let env: MaestroEnvironment;
  let agentA: AgentPage;
  let agentB: AgentPage;

  beforeAll(async () => {
    env = await startMaestroEnvironment(rules, { reconnectDelayMaxMs: 2000 });
    agentA = await env.openAgent('agent-a');
    agentB = await env.openAgent('agent-b');
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  // Two daemon starts and two graceful stops: each wait below is bounded, their sum under load is not 20 s.
  test('both bridges reconnect by themselves; what was posted meanwhile fires its rules once: 0 lost, 0 doubled', {
    timeout: 90_000,
  }, async () => {
    // Before: one call each, handled by the first daemon.
    for (const message of call('a1', '+12015550101')) await agentA.emit(message);
    for (const message of call('b1', '+12015550201')) await agentB.emit(message);
    await waitFor(() => env.crm.requests.length === 8, 'the calls before the restart');
    await waitFor(() => env.maestro.directives().length === 2, 'the dials before the restart');

    await env.stopDaemon('SIGTERM');
    for (const agent of [agentA, agentB])
      await agent.waitForStatus('disconnected', (s) => s.state === 'disconnected');
    // While the daemon is away, each agent handles a call and a second one rings.
    for (const message of [...call('a2', '+12015550102'), ...call('a3', '+12015550103').slice(0, 1)])
      await agentA.emit(message);
    for (const message of [...call('b2', '+12015550202'), ...call('b3', '+12015550203').slice(0, 1)])
      await agentB.emit(message);
    for (const agent of [agentA, agentB]) {
      await agent.waitForStatus('five messages waiting', (s) => s.state === 'disconnected' && s.queued === 5);
      // A stopping daemon closes the bridges' transports (core's bridges), so socket.io reconnects.
      expect(await agent.errors()).toContainEqual(
        expect.stringMatching(/^disconnected from Switchboard \(transport close\); reconnecting/),
      );
    }
    expect(env.crm.requests).toHaveLength(8);

    await env.startDaemon();
    for (const agent of [agentA, agentB])
      await agent.waitForStatus(
        'connected, nothing waiting',
        (s) => s.state === 'connected' && s.queued === 0,
      );
    const expected = [
      ...eventIdsOf('agent-a', 'a1'),
      ...eventIdsOf('agent-b', 'b1'),
      ...eventIdsOf('agent-a', 'a2'),
      ...eventIdsOf('agent-b', 'b2'),
      'maestro:agent-a:offered:a3-offered',
      'maestro:agent-b:offered:b3-offered',
    ];
    await waitFor(
      () => env.crm.requests.length >= expected.length,
      'the calls posted while the daemon was away',
    );
    await waitFor(() => env.maestro.directives().length >= 6, 'the dials of the calls offered meanwhile');
    // After a restart the agents' dials reach them again.
    await agentA.emit(
      maestroEvent({ eventName: 'offered', eventId: 'a4-offered', searchContext: '+12015550104' }),
    );
    await waitFor(() => env.maestro.directives().length >= 7, "agent A's dial after the restart");

    // A graceful stop drains every action under way: what the CRM has then is all there will be.
    await env.stopDaemon('SIGTERM');
    const counts = countByEvent(env.crm.requests);
    const lost = expected.filter((id) => !counts.has(id));
    const doubled = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
    expect([...counts.keys()].sort()).toEqual([...expected, 'maestro:agent-a:offered:a4-offered'].sort());
    const dialled = env.maestro
      .directives()
      .map((d) => `${d.page}|${(d.data as { content: { phoneNumber: string } }).content.phoneNumber}`);
    expect(dialled.filter((d, i) => dialled.indexOf(d) !== i)).toEqual([]);
    expect(dialled).toHaveLength(7);
  });
});
