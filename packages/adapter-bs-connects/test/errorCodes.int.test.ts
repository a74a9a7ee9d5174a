import { waitFor } from '@switchboard/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequests, connected, connectNodeBridge } from './support/nodeBridge.js';
import { type BridgeEnvironment, startBridgeEnvironment } from './support/startBridgeEnvironment.js';

/** A toast too long for b+s `showInfo`; the failure is written into the agent's b+s log by a rule. */
const rules = `
rules:
  - name: long-toast
    on: call.offered
    do:
      - notification: { title: Caller, body: "{{ call.caller }} is a premium customer with an open escalation case" }
  - name: report-failure
    on: action.failed
    do:
      - log: { message: "{{ vars.failure.action }} failed with {{ vars.failure.code }}", level: warn }
`;

describe('an adapter error code through the real daemon', () => {
  let env: BridgeEnvironment;
  let bridge: Socket;
  let received: { request: string; args: unknown[] }[];

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules, browser: false });
    bridge = connectNodeBridge(
      env.daemon.address as string,
      env.instance,
      { key: env.key, agentId: 'agent-codes', primary: true },
      { origin: env.harness.url },
    );
    received = answerRequests(bridge);
    await connected(bridge);
  });
  afterAll(async () => {
    bridge?.disconnect();
    await env?.close();
  });

  it('BS_SHOWINFO_TOO_LONG is in action.failed, on the log line and in /metrics', async () => {
    const offered = {
      id: 'msg-codes',
      name: 'workitemCreate',
      data: { event: 'workitemCreate', id: 'wi-codes', direction: 'Incoming', ani: '+41440000042' },
      raisedAt: new Date().toISOString(),
    };
    expect(await bridge.timeout(5000).emitWithAck('cil:event', offered)).toEqual({ ok: true });
    const failed = await env.daemon.waitForLog(
      (l) => /^action notification via bs FAILED/.test(l.msg ?? ''),
      'the failure',
    );
    expect(failed.code).toBe('BS_SHOWINFO_TOO_LONG');
    expect(failed.msg).toContain('b+s showInfo shows at most 60 characters');
    // `action.failed` carries the code to rules: the second rule writes it into the agent's b+s log.
    const [log] = await waitFor(() => {
      const logs = received.filter((r) => r.request === 'writeLog');
      return logs.length > 0 ? logs : undefined;
    }, "the failure in the agent's b+s log");
    expect(log?.args).toEqual(['notification failed with BS_SHOWINFO_TOO_LONG', 'Error']);
    expect(received.filter((r) => r.request === 'showInfo')).toEqual([]);
    const metrics = await env.metrics();
    expect(metrics).toMatch(
      /^switchboard_action_errors_total\{action="notification",instance="bs",code="BS_SHOWINFO_TOO_LONG"\} 1$/m,
    );
    expect(metrics).not.toMatch(/switchboard_action_errors_total\{[^}]*code="SWB_ACTION_FAILED"/);
  });
});
