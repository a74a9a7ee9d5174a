import { waitFor } from '@switchboard/test-support';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { maestroEvent, maestroInvalidSchema } from '../../src/testing/maestroSamples.js';
import { bridgeMessages, type DialCommand } from '../../src/transport/maestro/bridgeProtocol.js';
import { createBridgeToken } from '../../src/transport/maestro/bridgeToken.js';
import { type BridgeRuntime, startBridgeRuntime } from '../support/startBridgeRuntime.js';

const secret = 'bridge-secret-0123456789';
const page = 'https://crm.example.com';
const rules = `rules:
  - name: click-to-dial-on-offer
    on: call.offered
    do:
      - dial: { phoneNumber: "{{ call.caller }}" }
`;

let bridge: BridgeRuntime;
const sockets: Socket[] = [];

beforeEach(async () => {
  bridge = await startBridgeRuntime(
    {
      allowedOrigins: [page],
      secret,
      url: 'https://maestro.example.net/index.html',
      defaultCountry: 'US',
      dialTimeoutMs: 1000,
    },
    rules,
  );
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await bridge.stop();
});

interface Agent {
  readonly socket: Socket;
  readonly dials: DialCommand[];
}

async function connect(agentId: string, options: { origin?: string; token?: string } = {}): Promise<Agent> {
  const dials: DialCommand[] = [];
  const socket = io(`${bridge.address}/adapters/cc`, {
    transports: ['websocket'],
    extraHeaders: { origin: options.origin ?? page },
    auth: { agentId, token: options.token ?? createBridgeToken({ secret, agentId }) },
    reconnection: false,
  });
  sockets.push(socket);
  socket.on(bridgeMessages.dial, (command: DialCommand, ack: (reply: unknown) => void) => {
    dials.push(command);
    ack({ ok: true });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return { socket, dials };
}

let sequence = 0;
const forward = (agent: Agent, envelope: unknown) =>
  agent.socket.emit(bridgeMessages.envelope, { messageId: `m${++sequence}`, envelope });

/** Events the bridges brought (not the instance's own `adapter.connected`). */
const bridged = () => bridge.events.filter((e) => e.type !== 'adapter.connected');
/** The dial's idempotency key: a UUID (RFC 9562). */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const outcomes = () => bridge.diagnostics.flatMap((d) => (d.kind === 'action' ? [d.outcome] : []));

describe('Maestro bridge server (socket.io namespace, in-process daemon)', () => {
  test('serves the bridge script with its namespace and Maestro URL', async () => {
    const response = await fetch(`${bridge.address}/adapters/cc/bridge.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/javascript/);
    const script = await response.text();
    expect(script).toContain('Switchboard8x8Bridge');
    expect(script).toContain(
      'window.Switchboard8x8Bridge.configure({"namespace":"/adapters/cc","maestroUrl":"https://maestro.example.net/index.html"})',
    );
  });

  test('refuses a page origin that is not allowed, and a wrong or missing token', async () => {
    await expect(connect('agent-a', { origin: 'https://evil.example' })).rejects.toThrow(
      'origin not allowed',
    );
    await expect(
      connect('agent-a', {
        token: createBridgeToken({ secret: 'another-secret-value!', agentId: 'agent-a' }),
      }),
    ).rejects.toThrow('unauthorized');
    await expect(
      connect('agent-a', { token: createBridgeToken({ secret, agentId: 'agent-b' }) }),
    ).rejects.toThrow('unauthorized');
    await expect(connect('agent-a', { token: '' })).rejects.toThrow('unauthorized');
  });

  test("an offered event dials through the offering agent's bridge only, once per eventId", async () => {
    const a = await connect('agent-a');
    const b = await connect('agent-b');
    const offer = maestroEvent({ eventName: 'offered', eventId: 'ev-1', searchContext: '(201) 555-0123' });
    forward(a, offer);
    forward(a, offer);
    await waitFor(() => a.dials.length === 1, "agent A's dial");
    forward(b, maestroEvent({ eventName: 'offered', eventId: 'ev-2', searchContext: '+3225551234' }));
    await waitFor(() => b.dials.length === 1, "agent B's dial");
    // B's bridge acknowledges before the daemon records the dial's outcome: wait for both outcomes.
    await waitFor(() => outcomes().length === 2, 'both dial outcomes');
    expect(a.dials).toEqual([{ phoneNumber: '+12015550123', key: expect.stringMatching(uuid) }]);
    expect(b.dials).toEqual([{ phoneNumber: '+3225551234', key: expect.stringMatching(uuid) }]);
    const offered = bridge.events.filter((e) => e.type === 'call.offered');
    expect(offered.map((e) => [e.id, e.agent?.id, e.call?.caller])).toEqual([
      ['maestro:agent-a:offered:ev-1', 'agent-a', '(201) 555-0123'],
      ['maestro:agent-b:offered:ev-2', 'agent-b', '+3225551234'],
    ]);
    expect(outcomes().map((o) => [o.status, (o.result as { agent?: string })?.agent])).toEqual([
      ['ok', 'agent-a'],
      ['ok', 'agent-b'],
    ]);
  });

  test('an invalid number fails the action (action.failed) and sends no directive', async () => {
    const a = await connect('agent-a');
    forward(a, maestroEvent({ eventName: 'offered', eventId: 'ev-3', searchContext: '12345' }));
    await waitFor(() => bridge.events.some((e) => e.type === 'action.failed'), 'action.failed');
    const failed = outcomes().find((o) => o.status === 'failed');
    expect(failed?.error).toMatch(/`12345` is not a valid phone number/);
    expect(a.dials).toEqual([]);
  });

  test('a dial for an agent without a connected bridge fails clearly', async () => {
    const a = await connect('agent-a');
    a.socket.close();
    const other = await connect('agent-c');
    forward(other, maestroEvent({ eventName: 'offered', eventId: 'ev-4', searchContext: '+12015550123' }));
    await waitFor(() => outcomes().length === 1, 'the dial outcome');
    expect(outcomes()[0]).toMatchObject({ status: 'ok' });
    bridge.runtime.dispatcher.publish(
      {
        id: 'manual-1',
        type: 'call.offered',
        call: { id: 'c1', caller: '+12015550123' },
        agent: { id: 'agent-a' },
      },
      'cc',
    );
    await waitFor(() => outcomes().length === 2, 'the second dial outcome');
    expect(outcomes()[1]?.error).toMatch(/agent `agent-a` has no connected Maestro bridge/);
  });

  test('Maestro failed reports and invalid messages become adapter.error with their details', async () => {
    const a = await connect('agent-a');
    forward(a, maestroInvalidSchema());
    a.socket.emit(bridgeMessages.invalid, {
      messageId: 'bad-1',
      envelope: { eventType: 'mashell-voice-phone-offered-cc-event-v1', status: 'success', data: {} },
      reason: 'INVALID_SCHEMA',
      errors: [{ path: '/data', message: "must have required property 'eventName'" }],
    });
    forward(a, {
      eventType: 'mashell-voice-phone-offered-cc-event-v1',
      status: 'success',
      data: { eventName: 'offered' },
    });
    await waitFor(
      () => bridge.events.filter((e) => e.type === 'adapter.error').length === 3,
      'three adapter.error events',
    );
    const errors = bridge.events.filter((e) => e.type === 'adapter.error');
    expect(errors.map((e) => [e.vars.origin, e.vars.error, e.agent?.id])).toEqual([
      ['maestro', 'INVALID_SCHEMA', 'agent-a'],
      ['bridge', 'INVALID_SCHEMA', 'agent-a'],
      ['bridge', 'INVALID_SCHEMA', 'agent-a'],
    ]);
    expect(errors[0]?.vars.errorDescription).toEqual([
      expect.objectContaining({
        path: ['eventName'],
        message: "Invalid literal value, expected 'terminated'",
      }),
    ]);
    expect(errors[2]?.vars.errorDescription).toContainEqual({
      path: '/data',
      message: "must have required property 'eventId'",
    });
  });

  test('an agent with two tabs open: only the tab connected last gets the dial; copies of one message fire once', async () => {
    const firstTab = await connect('agent-a');
    await new Promise((r) => setTimeout(r, 5));
    const secondTab = await connect('agent-a');
    const offer = maestroEvent({ eventName: 'offered', eventId: 'ev-tabs', searchContext: '+12015550123' });
    // Both tabs embed the Maestro iframe, so both forward the same message.
    forward(firstTab, offer);
    forward(secondTab, offer);
    await waitFor(() => outcomes().length === 1, 'the dial outcome');
    await new Promise((r) => setTimeout(r, 100));
    expect(firstTab.dials).toEqual([]);
    expect(secondTab.dials).toEqual([{ phoneNumber: '+12015550123', key: expect.stringMatching(uuid) }]);
    expect(outcomes()).toEqual([
      expect.objectContaining({ status: 'ok', result: expect.objectContaining({ bridges: 1 }) }),
    ]);
    expect(bridge.events.filter((e) => e.type === 'call.offered')).toHaveLength(1);
  });

  test('the same eventId from two agents fires for each; offered and accepted of one call both fire', async () => {
    const a = await connect('agent-a');
    const b = await connect('agent-b');
    forward(a, maestroEvent({ eventName: 'offered', eventId: 'shared-1', searchContext: '+12015550123' }));
    forward(b, maestroEvent({ eventName: 'offered', eventId: 'shared-1', searchContext: '+3225551234' }));
    forward(a, maestroEvent({ eventName: 'accepted', eventId: 'shared-1', searchContext: '+12015550123' }));
    await waitFor(() => bridged().length === 3 && outcomes().length === 2, 'three events, two dials');
    expect(bridged().map((e) => [e.id, e.type, e.call?.id])).toEqual([
      ['maestro:agent-a:offered:shared-1', 'call.offered', 'maestro:agent-a:shared-1'],
      ['maestro:agent-b:offered:shared-1', 'call.offered', 'maestro:agent-b:shared-1'],
      ['maestro:agent-a:accepted:shared-1', 'call.answered', 'maestro:agent-a:shared-1'],
    ]);
    expect([a.dials, b.dials]).toEqual([
      [{ phoneNumber: '+12015550123', key: expect.stringMatching(uuid) }],
      [{ phoneNumber: '+3225551234', key: expect.stringMatching(uuid) }],
    ]);
    // One key per event, rule, action and agent: the two agents' dials never share one.
    expect(a.dials[0]?.key).not.toBe(b.dials[0]?.key);
  });

  test('a report whose fields cannot be turned into text by String() is still reported; the bridge goes on', async () => {
    const a = await connect('agent-a');
    a.socket.emit(bridgeMessages.invalid, {
      messageId: 'hostile-1',
      envelope: { eventType: 'x' },
      reason: 'INVALID_SCHEMA',
      errors: [{ path: { toString: 1 }, message: { toString: 1 } }],
    });
    forward(a, maestroEvent({ eventName: 'offered', eventId: 'after-1', searchContext: '+12015550123' }));
    await waitFor(() => bridged().length === 2, 'the report and the next event');
    expect(bridged().map((e) => e.type)).toEqual(['adapter.error', 'call.offered']);
    expect(bridged()[0]?.vars.errorDescription).toEqual([
      { path: '{"toString":1}', message: '{"toString":1}' },
    ]);
    expect(a.socket.connected).toBe(true);
  });
});
