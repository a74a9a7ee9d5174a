import { waitFor } from '@switchboard/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequests, connected, connectNodeBridge } from './support/nodeBridge.js';
import { dynamicsOrigin, type InProcess, startInProcess } from './support/startInProcess.js';

const rules = `
rules:
  - name: first
    on: dial.requested
    if: { "==": [{ var: vars.dialedNumber }, "100"] }
    do:
      - dial: { phoneNumber: "+41100" }
  - name: second
    on: dial.requested
    if: { "==": [{ var: vars.dialedNumber }, "100"] }
    do:
      - dial: { phoneNumber: "+41100-again" }
  - name: slow
    on: dial.requested
    if: { "==": [{ var: vars.dialedNumber }, "200"] }
    do:
      - log: { message: "looking up {{ vars.dialedNumber }}" }
      - dial: { phoneNumber: "+41200" }
  - name: rewrite
    on: dial.requested
    if: { in: [{ var: vars.dialedNumber }, ["300", "400"]] }
    do:
      - dial: { phoneNumber: "+41{{ vars.dialedNumber }}" }
`;
const beforeDial = (id: string, dialedNumber: string) => ({
  id,
  name: 'beforeDial',
  data: { event: 'beforeDial', dialedNumber, callType: 'Outbound' },
  raisedAt: new Date().toISOString(),
});

describe('beforeDial: one decision per dial, placed by the tab the agent dialed in', () => {
  let app: InProcess;
  let bridge: Socket;
  let received: { request: string; args: unknown[] }[];

  beforeAll(async () => {
    app = await startInProcess(rules, { beforeDialTimeoutMs: 200, requestTimeoutMs: 400 });
    bridge = connectNodeBridge(
      app.address,
      'bs',
      { key: app.key, agentId: 'agent-d', primary: true },
      { origin: dynamicsOrigin },
    );
    received = answerRequests(bridge, {
      writeLog: () => new Promise((resolve) => setTimeout(() => resolve({ success: true }), 300)),
    });
    await connected(bridge);
  });
  afterAll(async () => {
    bridge?.disconnect();
    await app?.stop();
  });

  const outcomesOf = (rule: string) =>
    app.diagnostics.flatMap((d) => (d.kind === 'action' && d.outcome.rule === rule ? [d.outcome] : []));
  const rejected = (reason: string) =>
    app.diagnostics.filter((d) => d.kind === 'rejected' && d.reason === reason);
  const dialRequests = () => received.filter((r) => r.request === 'dialOrConsult');

  it('the first rule that dials wins: its number goes back to the tab, a second rule places nothing', async () => {
    const reply = await bridge.timeout(2000).emitWithAck('cil:event', beforeDial('m1', '100'));
    expect(reply).toEqual({
      ok: true,
      decision: 'dial',
      rule: 'first',
      phoneNumber: '+41100',
      channelId: 'voice',
    });
    await waitFor(() => outcomesOf('second').length === 1, 'the second rule');
    expect(outcomesOf('second')[0]).toMatchObject({
      error: expect.stringContaining('rule `first` already dialed for this beforeDial'),
      errorCode: 'BS_DIAL_NOT_CHOSEN',
    });
    // The tab dials and reports; only then is the rule's dial done.
    expect(outcomesOf('first')).toHaveLength(0);
    bridge.emit('bridge:dial-outcome', { id: 'm1', phoneNumber: '+41100', success: true });
    await waitFor(() => outcomesOf('first').length === 1, 'the first rule');
    expect(outcomesOf('first')[0]).toMatchObject({ status: 'ok', result: { dialed: '+41100' } });
    expect(dialRequests()).toHaveLength(0);
  });

  it("b+s refuses the rule's number: the action fails and says the tab dialed the original number", async () => {
    const reply = await bridge.timeout(2000).emitWithAck('cil:event', beforeDial('m4', '300'));
    expect(reply).toMatchObject({ decision: 'dial', phoneNumber: '+41300' });
    bridge.emit('bridge:dial-outcome', {
      id: 'm4',
      phoneNumber: '+41300',
      success: false,
      error: 'invalid address',
      fallback: { phoneNumber: '300', success: true },
    });
    await waitFor(() => outcomesOf('rewrite').length === 1, 'the rewrite rule');
    expect(outcomesOf('rewrite')[0]).toMatchObject({
      status: 'failed',
      errorCode: 'BS_DIAL_FAILED',
      error: expect.stringContaining(
        "b+s Connects did not dial +41300 (invalid address); the agent's tab dialed the original number 300 instead",
      ),
    });
    await waitFor(
      () =>
        app.diagnostics.some(
          (d) =>
            d.kind === 'event' &&
            d.event.type === 'action.failed' &&
            (d.event.vars.failure as { rule?: string } | undefined)?.rule === 'rewrite',
        ),
      'action.failed to be raised for the rewrite rule',
    );
  });

  it('a tab that never reports: the action fails saying so (the tab still dialed)', async () => {
    await bridge.timeout(2000).emitWithAck('cil:event', beforeDial('m5', '400'));
    await waitFor(() => outcomesOf('rewrite').length === 2, 'the rewrite rule', 5000);
    expect(outcomesOf('rewrite')[1]).toMatchObject({
      error: expect.stringContaining("the agent's tab did not report within 2000 ms"),
      errorCode: 'BS_DIAL_UNREPORTED',
    });
  });

  it('a rule too slow to decide: the bridge dials the original number, the late dial is not placed', async () => {
    const reply = await bridge.timeout(2000).emitWithAck('cil:event', beforeDial('m2', '200'));
    expect(reply).toEqual({ ok: true, decision: 'dial-original' });
    await waitFor(() => outcomesOf('slow').length === 2, 'the slow rule to finish');
    expect(outcomesOf('slow')[1]).toMatchObject({
      error: expect.stringContaining('too late: no rule dialed within 200 ms'),
      errorCode: 'BS_DIAL_NOT_CHOSEN',
    });
    expect(dialRequests()).toHaveLength(0);
  });

  it('refuses outcomes no dial waits for, and malformed ones', async () => {
    bridge.emit('bridge:dial-outcome', { id: 'm1', phoneNumber: '+41100', success: true }); // reported already
    bridge.emit('bridge:dial-outcome', { id: 'nope', phoneNumber: '+1', success: true });
    bridge.emit('bridge:dial-outcome', { id: 'm9', success: 'yes' });
    await waitFor(() => rejected('unexpected-dial-outcome').length === 2, 'the unexpected outcomes');
    await waitFor(() => rejected('malformed-bridge-message').length === 1, 'the malformed outcome');
  });

  it("a secondary tab (no primary tab connected) gets the rule's number and dials it itself", async () => {
    const lonely = connectNodeBridge(
      app.address,
      'bs',
      {
        key: app.key,
        agentId: 'agent-lonely',
        primary: false,
      },
      { origin: dynamicsOrigin },
    );
    try {
      await connected(lonely);
      const reply = await lonely.timeout(2000).emitWithAck('cil:event', beforeDial('m3', '100'));
      expect(reply).toMatchObject({ ok: true, decision: 'dial', rule: 'first', phoneNumber: '+41100' });
      lonely.emit('bridge:dial-outcome', { id: 'm3', phoneNumber: '+41100', success: true });
      await waitFor(() => outcomesOf('first').length === 2, 'the first rule');
      expect(outcomesOf('first')[1]?.status).toBe('ok');
    } finally {
      lonely.disconnect();
    }
  });
});
