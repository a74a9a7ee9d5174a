import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connected, connectNodeBridge } from './support/nodeBridge.js';
import { type BridgeEnvironment, startBridgeEnvironment } from './support/startBridgeEnvironment.js';

const rules = `
rules:
  - name: screen-pop
    on: call.offered
    do:
      - createSession: { template: incoming_call, parameters: { number: "{{ call.caller }}" } }
`;
const workitem = (id: string) => ({
  id: `msg-${id}`,
  name: 'workitemCreate',
  data: { event: 'workitemCreate', id, direction: 'Incoming', ani: '+41440000009', state: 'Offered' },
  raisedAt: new Date().toISOString(),
});

/** Another Dynamics host the instance allows. */
const otherOrigin = 'https://contoso.crm4.dynamics.com';

describe('the bridge namespace of the real daemon, spoken to from Node', () => {
  let env: BridgeEnvironment;
  const sockets: Socket[] = [];
  /** A Node bridge; it sends the emulated Dynamics host's Origin unless `headers` say otherwise. */
  const open = (
    auth: Record<string, unknown>,
    headers: Record<string, string> = { origin: env.harness.url },
  ) => {
    const socket = connectNodeBridge(env.daemon.address!, env.instance, auth, headers);
    sockets.push(socket);
    return socket;
  };
  const rejections = (reason: string) =>
    env.daemon.logs.filter((l) => l.msg === 'input rejected' && l.reason === reason);

  beforeAll(async () => {
    env = await startBridgeEnvironment({ rules, browser: false, extraOrigins: [otherOrigin] });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('refuses a bridge with a wrong key, or none, and never logs a key', async () => {
    const wrongKey = 'not-the-key-0123456789';
    await expect(connected(open({ key: wrongKey, agentId: 'agent-x' }))).rejects.toThrow('unauthorized');
    await expect(connected(open({ agentId: 'agent-x' }))).rejects.toThrow('unauthorized');
    await env.daemon.waitForLog(() => rejections('bridge-refused').length >= 2, 'both refusals to be logged');
    expect(rejections('bridge-refused').map((l) => l.problem)).toEqual(['wrong key', 'no key']);
    const output = JSON.stringify(env.daemon.logs) + env.daemon.stderr();
    expect(output).not.toContain(wrongKey);
    expect(output).not.toContain(env.key);
  });

  it('refuses a browser whose Origin is not in `origins`, even with the key, and a client without an Origin', async () => {
    await expect(
      connected(open({ key: env.key, agentId: 'agent-o' }, { origin: 'https://evil.example' })),
    ).rejects.toThrow('origin not allowed');
    // Core refuses it for the namespace (WebSocket handshakes included) before the key is even looked at.
    const refusal = await env.daemon.waitForLog(
      (l) => l.msg === 'bridge refused: origin not allowed' && l.origin === 'https://evil.example',
      'the origin refusal',
    );
    expect(refusal.reason).toBe('origin-not-allowed');
    // Browsers always send their page's Origin: a client without one is no bridge page, and is refused.
    await expect(connected(open({ key: env.key, agentId: 'agent-o2' }, {}))).rejects.toThrow(
      'origin not allowed',
    );
    await env.daemon.waitForLog(
      (l) => l.msg === 'bridge refused: origin not allowed' && l.reason === 'origin-missing',
      'the refusal of the client without an Origin',
    );
    expect(env.daemon.logs.some((l) => /^bridge of agent agent-o2? connected$/.test(l.msg ?? ''))).toBe(
      false,
    );
    await connected(open({ key: env.key, agentId: 'agent-o' }, { origin: env.harness.url }));
    await connected(open({ key: env.key, agentId: 'agent-o3' }, { origin: otherOrigin }));
  });

  it('warns when a second primary bridge of an agent connects from another origin', async () => {
    const there = { origin: otherOrigin };
    await connected(open({ key: env.key, agentId: 'agent-twice', primary: true }, there));
    await connected(open({ key: env.key, agentId: 'agent-twice', primary: true }, there));
    await connected(
      open({ key: env.key, agentId: 'agent-twice', primary: false }, { origin: env.harness.url }),
    );
    const warnings = () =>
      env.daemon.logs.filter((l) => l.msg?.startsWith('a second primary bridge of agent agent-twice'));
    await connected(
      open({ key: env.key, agentId: 'agent-twice', primary: true }, { origin: env.harness.url }),
    );
    const warning = await env.daemon.waitForLog(
      (l) => l.msg?.startsWith('a second primary bridge of agent agent-twice') === true,
      'the second-primary warning',
    );
    expect(warning).toMatchObject({ level: 40, agentId: 'agent-twice', origin: env.harness.url });
    expect(warning.msg).toContain(`(origin ${otherOrigin})`);
    expect(warnings()).toHaveLength(1); // same address and origin, or a secondary tab: no warning
    expect(JSON.stringify(warnings())).not.toContain(env.key);
  });

  it('counts and logs malformed messages, answers them with an error, and goes on', async () => {
    const socket = open({ key: env.key, agentId: 'agent-node', primary: true });
    await connected(socket);
    const send = (payload: unknown) => socket.timeout(2000).emitWithAck('cil:event', payload);
    const bad: unknown[] = [
      'not an object',
      { ...workitem('w1'), name: 'workitemExplode' },
      { ...workitem('w2'), raisedAt: 'yesterday' },
      { id: 'msg-x', name: 'workitemCreate', raisedAt: new Date().toISOString() },
      { ...workitem('w3'), data: { event: 'workitemCreate', direction: 'Incoming' } },
      { ...workitem('w4'), extra: true },
    ];
    for (const payload of bad) {
      const reply = (await send(payload)) as { ok: boolean; error?: string };
      expect(reply.ok).toBe(false);
      expect(reply.error).toBeTypeOf('string');
    }
    socket.emit('cil:gossip', { hello: true });
    socket.emit('bridge:report', { dropped: -1 });
    await env.daemon.waitForLog(
      (l) => l.reason === 'unknown-bridge-message',
      'the unknown message to be rejected',
    );
    await env.daemon.waitForLog(
      () => rejections('malformed-bridge-message').length >= 6,
      'every malformed message to be counted',
    );
    expect(rejections('unmappable-cil-event')).toHaveLength(1);
    const metrics = await env.metrics();
    expect(metrics).toMatch(
      /switchboard_input_rejected_total\{[^}]*reason="malformed-bridge-message"[^}]*\} 6\b/,
    );
    expect(metrics).toMatch(
      /switchboard_input_rejected_total\{[^}]*reason="unknown-bridge-message"[^}]*\} 1\b/,
    );

    // The daemon goes on: a good event still fires its rule, whose request comes back to this bridge.
    const request = new Promise<unknown>((resolve) =>
      socket.on('cil:request', (message: unknown, ack: (reply: unknown) => void) => {
        ack({ success: true });
        resolve(message);
      }),
    );
    expect(await send(workitem('w5'))).toEqual({ ok: true });
    expect(await request).toEqual({
      request: 'createSession',
      args: ['incoming_call', { number: '+41440000009' }],
      key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
    });
    expect(env.daemon.process.exitCode).toBeNull();
  });

  it('takes only beforeDial from a secondary tab, which never gets requests', async () => {
    const socket = open({ key: env.key, agentId: 'agent-two-tabs', primary: false });
    await connected(socket);
    const reply = (await socket.timeout(2000).emitWithAck('cil:event', workitem('w6'))) as { ok: boolean };
    expect(reply.ok).toBe(false);
    await env.daemon.waitForLog(
      (l) => l.reason === 'secondary-tab-event',
      'the secondary tab event to be rejected',
    );
    const dial = {
      id: 'msg-dial',
      name: 'beforeDial',
      data: { event: 'beforeDial', dialedNumber: '+15550123', callType: 'Outbound' },
      raisedAt: new Date().toISOString(),
    };
    expect(await socket.timeout(5000).emitWithAck('cil:event', dial)).toEqual({
      ok: true,
      decision: 'dial-original',
    });
  });

  it('refuses a message nested deeper than core allows, answers it, and goes on', async () => {
    const socket = open({ key: env.key, agentId: 'agent-deep', primary: true });
    await connected(socket);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1000; i += 1) deep = { deep };
    const before = rejections('malformed-bridge-message').length;
    const reply = await socket.timeout(2000).emitWithAck('cil:event', { ...workitem('w7'), data: { deep } });
    expect(reply).toEqual({ ok: false, error: 'the message is nested deeper than 64 levels' });
    socket.emit('bridge:report', { dropped: 1, undecidedDials: 0, reason: deep });
    await env.daemon.waitForLog(
      () => rejections('malformed-bridge-message').length === before + 2,
      'both deep messages to be counted',
    );
    expect(rejections('malformed-bridge-message').at(-1)).toMatchObject({
      agentId: 'agent-deep',
      error: 'the message is nested deeper than 64 levels',
    });
    expect(await socket.timeout(2000).emitWithAck('cil:event', workitem('w8'))).toEqual({ ok: true });
  });
});
