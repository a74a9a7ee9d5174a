import { waitFor } from '@switchboard/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequests, connected, connectNodeBridge } from './support/nodeBridge.js';
import { dynamicsOrigin, type InProcess, startInProcess } from './support/startInProcess.js';

const rules = `
rules:
  - name: long-info
    on: call.offered
    if: { "==": [{ var: vars.case }, "long-info"] }
    do:
      - notification: { title: Caller, body: "{{ call.caller }} is a premium customer with an open escalation case" }
  - name: error-note
    on: call.offered
    if: { "==": [{ var: vars.case }, "error-note"] }
    do:
      - notification: { type: error, title: CRM, body: "No contact found for {{ call.caller }}" }
  - name: reason
    on: call.offered
    if: { "==": [{ var: vars.case }, "reason"] }
    do:
      - setAgentState: { state: NotReady, reasonCode: "{{ vars.reason }}" }
  - name: session
    on: call.offered
    if: { "==": [{ var: vars.case }, "session"] }
    do:
      - createSession: { template: "{{ vars.template }}", parameters: { n: "{{ call.caller }}" } }
  - name: journal
    on: call.offered
    if: { "==": [{ var: vars.case }, "journal"] }
    do:
      - log: { message: "journal {{ call.id }}", level: warn }
`;
const offered = (id: string, agent: string | undefined, vars: Record<string, unknown>) => ({
  id,
  type: 'call.offered' as const,
  call: { id, caller: '+41440000042' },
  ...(agent ? { agent: { id: agent } } : {}),
  vars,
});

describe('actions carried out through a bridge (core Runtime in process)', () => {
  let app: InProcess;
  let bridge: Socket;
  let received: { request: string; args: unknown[] }[];
  let silent: Socket;

  beforeAll(async () => {
    app = await startInProcess(rules, { requestTimeoutMs: 300 });
    bridge = connectNodeBridge(
      app.address,
      'bs',
      { key: app.key, agentId: 'agent-n', primary: true },
      { origin: dynamicsOrigin },
    );
    received = answerRequests(bridge, {
      getReasonCodeList: () => ({ success: true, response: [{ id: '11', label: 'Break' }] }),
      createSession: ([template]) => {
        if (template === 'missing') return { success: false, error: 'no session template missing' };
        if (template !== 'deep') return { success: true };
        let response: unknown = 'bottom';
        for (let i = 0; i < 1000; i += 1) response = { response };
        return { success: true, response };
      },
    });
    await connected(bridge);
    silent = connectNodeBridge(
      app.address,
      'bs',
      { key: app.key, agentId: 'agent-silent', primary: true },
      { origin: dynamicsOrigin },
    );
    await connected(silent);
  });
  afterAll(async () => {
    bridge?.disconnect();
    silent?.disconnect();
    await app?.stop();
  });

  it('refuses a showInfo over 60 characters with a clear error, before it reaches the browser', async () => {
    const report = await app.publish(offered('c1', 'agent-n', { case: 'long-info' }));
    expect(report.outcomes[0]?.status).toBe('failed');
    expect(report.outcomes[0]?.error).toMatch(
      /showInfo shows at most 60 characters; this info notification has 7\d/,
    );
    expect(report.outcomes[0]?.errorCode).toBe('BS_SHOWINFO_TOO_LONG');
    expect(received.filter((r) => r.request === 'showInfo')).toHaveLength(0);
    // Rules see the adapter's code in `action.failed`.
    await waitFor(
      () => app.diagnostics.some((d) => d.kind === 'event' && d.event.type === 'action.failed'),
      'action.failed',
    );
    const failed = app.diagnostics.find((d) => d.kind === 'event' && d.event.type === 'action.failed');
    expect(failed?.kind === 'event' && failed.event.vars.failure).toMatchObject({
      action: 'notification',
      code: 'BS_SHOWINFO_TOO_LONG',
    });
  });

  it('sends warnings and errors to showError, with no length limit', async () => {
    const report = await app.publish(offered('c2', 'agent-n', { case: 'error-note' }));
    expect(report.outcomes[0]?.status).toBe('ok');
    expect(received.at(-1)).toEqual({
      request: 'showError',
      args: ['No contact found for +41440000042', 'CRM'],
      // A notification is delivered `once-keyed`: the bridge answers a repeat of its key with the first answer.
      key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
    });
  });

  it('checks reason codes against getReasonCodeList, by id or label', async () => {
    const bad = await app.publish(offered('c3', 'agent-n', { case: 'reason', reason: 'Coffee' }));
    expect(bad.outcomes[0]?.error).toContain(
      'reason code `Coffee` is not a NotReady reason code of this agent; known: 11 (Break)',
    );
    expect(bad.outcomes[0]?.errorCode).toBe('BS_UNKNOWN_REASON_CODE');
    const byLabel = await app.publish(offered('c4', 'agent-n', { case: 'reason', reason: 'break' }));
    expect(byLabel.outcomes[0]?.status).toBe('ok');
    expect(received.at(-1)).toEqual({ request: 'setAgentState', args: ['voice', 'NotReady', '11'] });
  });

  it("turns the library's {success: false} into a failed action", async () => {
    const report = await app.publish(offered('c5', 'agent-n', { case: 'session', template: 'missing' }));
    expect(report.outcomes[0]?.error).toContain(
      'b+s Connects refused `createSession` for agent agent-n: no session template missing',
    );
    expect(report.outcomes[0]?.errorCode).toBe('BS_REQUEST_REFUSED');
  });

  it('refuses a reply nested deeper than core allows: the action fails, the reply is counted', async () => {
    const report = await app.publish(offered('c10', 'agent-n', { case: 'session', template: 'deep' }));
    expect(report.outcomes[0]?.error).toBe(
      'the bridge of agent agent-n answered `createSession` with the reply is nested deeper than 64 levels [BS_BAD_REPLY]',
    );
    expect(app.diagnostics).toContainEqual(
      expect.objectContaining({ kind: 'rejected', reason: 'malformed-bridge-message' }),
    );
  });

  it('fails clearly when the agent has no bridge, or the bridge does not answer', async () => {
    const none = await app.publish(offered('c6', 'agent-gone', { case: 'session', template: 't' }));
    expect(none.outcomes[0]?.error).toContain('agent agent-gone has no connected b+s bridge');
    expect(none.outcomes[0]?.errorCode).toBe('BS_NO_BRIDGE');
    const mute = await app.publish(offered('c7', 'agent-silent', { case: 'session', template: 't' }));
    expect(mute.outcomes[0]?.error).toContain(
      'the bridge of agent agent-silent did not answer `createSession` within 300 ms',
    );
    expect(mute.outcomes[0]?.errorCode).toBe('BS_BRIDGE_TIMEOUT');
  });

  it("writes log into the agent's b+s log, or the daemon log without an agent", async () => {
    const withAgent = await app.publish(offered('c8', 'agent-n', { case: 'journal' }));
    expect(withAgent.outcomes[0]?.result).toEqual({ written: 'b+s-log' });
    expect(received.at(-1)).toEqual({ request: 'writeLog', args: ['journal c8', 'Error'] });
    const without = await app.publish(offered('c9', undefined, { case: 'journal' }));
    expect(without.outcomes[0]?.result).toEqual({ written: 'daemon-log' });
  });
});
