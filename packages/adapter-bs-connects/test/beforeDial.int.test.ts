import { waitFor } from '@switchboard/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequests, connected, connectNodeBridge } from './support/nodeBridge.js';
import { type InProcess, startInProcess } from './support/startInProcess.js';

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
`;
const beforeDial = (id: string, dialedNumber: string) => ({
  id,
  name: 'beforeDial',
  data: { event: 'beforeDial', dialedNumber, callType: 'Outbound' },
  raisedAt: new Date().toISOString(),
});

describe('beforeDial: one decision per dial', () => {
  let app: InProcess;
  let bridge: Socket;
  let received: { request: string; args: unknown[] }[];

  beforeAll(async () => {
    app = await startInProcess(rules, { beforeDialTimeoutMs: 200 });
    bridge = connectNodeBridge(app.address, 'bs', { key: app.key, agentId: 'agent-d', primary: true });
    received = answerRequests(bridge, {
      writeLog: () => new Promise((resolve) => setTimeout(() => resolve({ success: true }), 400)),
    });
    await connected(bridge);
  });
  afterAll(async () => {
    bridge?.disconnect();
    await app?.stop();
  });

  const outcomesOf = (rule: string) =>
    app.diagnostics.flatMap((d) => (d.kind === 'action' && d.outcome.rule === rule ? [d.outcome] : []));

  it('the first rule that dials wins; a second rule does not place another call', async () => {
    const reply = await bridge.timeout(2000).emitWithAck('cil:event', beforeDial('m1', '100'));
    expect(reply).toEqual({ ok: true, decision: 'handled', rule: 'first' });
    await waitFor(() => outcomesOf('second').length === 1, 'the second rule');
    expect(outcomesOf('second')[0]?.error).toContain('rule `first` already dialed for this beforeDial');
    expect(received.filter((r) => r.request === 'dialOrConsult').map((r) => r.args)).toEqual([
      ['voice', '+41100'],
    ]);
  });

  it('a rule too slow to decide: the bridge dials the original number, the late dial is not placed', async () => {
    const reply = await bridge.timeout(2000).emitWithAck('cil:event', beforeDial('m2', '200'));
    expect(reply).toEqual({ ok: true, decision: 'dial-original' });
    await waitFor(() => outcomesOf('slow').length === 2, 'the slow rule to finish');
    expect(outcomesOf('slow')[1]?.error).toContain('too late: no rule dialed within 200 ms');
    expect(received.filter((r) => r.request === 'dialOrConsult')).toHaveLength(1);
  });

  it('a secondary tab whose agent has no primary tab connected: no rule can dial, the tab dials the original', async () => {
    const lonely = connectNodeBridge(app.address, 'bs', {
      key: app.key,
      agentId: 'agent-lonely',
      primary: false,
    });
    try {
      await connected(lonely);
      const reply = await lonely.timeout(2000).emitWithAck('cil:event', beforeDial('m3', '100'));
      expect(reply).toEqual({ ok: true, decision: 'dial-original' });
      const failures = outcomesOf('first').filter((o) => o.status === 'failed');
      expect(failures.at(-1)?.error).toContain('agent agent-lonely has no primary-tab bridge connected');
    } finally {
      lonely.disconnect();
    }
  });
});
