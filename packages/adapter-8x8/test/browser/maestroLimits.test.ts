import { waitFor } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { maestroEvent } from '../../src/testing/maestroSamples.js';
import {
  type AgentPage,
  type MaestroEnvironment,
  startMaestroEnvironment,
} from '../support/maestroEnvironment.js';

const rules = `rules:
  - name: log-chat
    on: call.ended
    do:
      - http:
          method: POST
          url: "\${crm}/ended"
          body: { eventId: "{{ id }}", disposition: "{{ vars.disposition_code }}", transcript: "{{ vars.transcript }}" }
  - name: report-bridge-errors
    on: adapter.error
    do:
      - http:
          method: POST
          url: "\${crm}/errors"
          body: { origin: "{{ vars.origin }}", error: "{{ vars.error }}" }
`;

const transcript = 'Agent: how can I help?\nCustomer: order!\n'.repeat(37_500); // 1.5 MB
const disconnects = (env: MaestroEnvironment) =>
  env.daemon.logs.filter((l) => l.msg === 'Maestro bridge disconnected');
const bodiesAt = (env: MaestroEnvironment, path: string) =>
  env.crm.requests.filter((r) => r.path === path).map((r) => r.body as Record<string, string>);

describe('Maestro messages over 1 MB (rules-runner start, real Chromium)', () => {
  let env: MaestroEnvironment;
  let agent: AgentPage;

  beforeAll(async () => {
    env = await startMaestroEnvironment(rules);
    agent = await env.openAgent('agent-a');
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  test('a chat-nextgen-terminated with a 1.5 MB transcript still ends the call: the transcript is cut and counted', async () => {
    expect(transcript.length).toBe(1_500_000);
    await agent.emit(
      maestroEvent({
        eventName: 'terminated',
        eventId: 'chat-1',
        searchContext: '+12015550123',
        media: 'chat-nextgen',
        extra: {
          mediaType: 'whatsapp',
          transcript,
          additionalData: { disposition_code: 'Resolved', notes: 'follow up' },
        },
      }),
    );
    const [ended] = await waitFor(() => {
      const found = bodiesAt(env, '/ended');
      return found.length > 0 ? found : undefined;
    }, 'call.ended');
    expect(ended?.eventId).toBe('maestro:agent-a:terminated:chat-1');
    expect(ended?.disposition).toBe('Resolved');
    expect(ended?.transcript).toMatch(
      /^Agent: how can I help\?\nCustomer: order!\n.*…\[truncated: 1500000 chars\]$/s,
    );
    expect(ended?.transcript?.length).toBeLessThan(33_000);
    const counted = await env.daemon.waitForLog(
      (l) => l.msg === 'input rejected' && l.reason === 'maestro-message-truncated',
      'the truncation to be counted',
    );
    expect(counted).toMatchObject({ agentId: 'agent-a', truncated: 1 });
    expect(
      await agent.page.evaluate(() => (globalThis as { bridge?: { stats: unknown } }).bridge?.stats),
    ).toMatchObject({
      forwarded: 1,
      truncated: 1,
    });
    expect(disconnects(env)).toEqual([]);
  });

  test('an invalid 1.5 MB payload is summarized and reported as adapter.error; the bridge stays connected', async () => {
    await agent.emit({
      eventType: 'mashell-chat-nextgen-terminated-cc-event-v1',
      status: 'success',
      data: { transcript },
    });
    await agent.emit(`{"not json${'!'.repeat(1_500_000)}`);
    await waitFor(() => bodiesAt(env, '/errors').length === 2, 'two adapter.error reports');
    expect(bodiesAt(env, '/errors')).toEqual([
      { origin: 'bridge', error: 'INVALID_SCHEMA' },
      { origin: 'bridge', error: 'NOT_JSON' },
    ]);
    // The connection is the same one: the next call still goes through, nothing was disconnected.
    await agent.emit(
      maestroEvent({
        eventName: 'terminated',
        eventId: 'voice-2',
        searchContext: '+12015550124',
        media: 'email',
      }),
    );
    await waitFor(() => bodiesAt(env, '/ended').length === 2, 'the next call.ended');
    expect(disconnects(env)).toEqual([]);
    const status = await agent.waitForStatus('nothing waiting', (s) => s.queued === 0);
    expect(status).toMatchObject({ state: 'connected', dropped: 0 });
  });
});
