import { waitFor } from '@switchboard/test-support';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, test } from 'vitest';
import { type BridgeStatus, DaemonLink } from '../../src/bridge/DaemonLink.js';
import { MessageOutbox } from '../../src/bridge/MessageOutbox.js';
import { maestroEvent } from '../../src/testing/maestroSamples.js';
import { bridgeMessages, type DialCommand } from '../../src/transport/maestro/bridgeProtocol.js';
import { createBridgeToken } from '../../src/transport/maestro/bridgeToken.js';
import { FlakyStateBackend } from '../support/flakyStateBackend.js';
import { type BridgeRuntime, startBridgeRuntime } from '../support/startBridgeRuntime.js';

const secret = 'bridge-secret-0123456789';
const page = 'https://crm.example.com';
const maestro = { allowedOrigins: [page], secret, defaultCountry: 'US', dialTimeoutMs: 5000 };
const rules = `rules:
  - name: click-to-dial-on-offer
    on: call.offered
    do:
      - dial: { phoneNumber: "{{ call.caller }}" }
`;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function runtime(state: FlakyStateBackend): Promise<BridgeRuntime> {
  const r = await startBridgeRuntime(maestro, rules, state);
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped) await r.stop();
  });
  return {
    ...r,
    stop: async (drainMs) => {
      stopped = true;
      await r.stop(drainMs);
    },
  };
}

function socketFor(r: BridgeRuntime, agentId: string, autoConnect = true): Socket {
  const socket = io(`${r.address}/adapters/cc`, {
    transports: ['websocket'],
    extraHeaders: { origin: page },
    auth: { agentId, token: createBridgeToken({ secret, agentId }) },
    reconnection: false,
    autoConnect,
  });
  cleanups.push(() => void socket.close());
  return socket;
}

/** A bridge as a test drives it: records dials, acknowledges them only while `answering`. */
function agentBridge(r: BridgeRuntime, agentId: string) {
  const dials: DialCommand[] = [];
  const bridge = { socket: socketFor(r, agentId), dials, answering: true };
  bridge.socket.on(bridgeMessages.dial, (command: DialCommand, ack: (reply: unknown) => void) => {
    dials.push(command);
    if (bridge.answering) ack({ ok: true });
  });
  return bridge;
}

const bridged = (r: BridgeRuntime) => r.events.filter((e) => !e.type.startsWith('adapter.'));
const outcomes = (r: BridgeRuntime) => r.diagnostics.flatMap((d) => (d.kind === 'action' ? [d.outcome] : []));
const offer = (eventId: string) =>
  maestroEvent({ eventName: 'offered', eventId, searchContext: '(201) 555-0123' });

describe('Maestro bridge durability (in-process runtime with a durable state backend)', () => {
  test("the bridge's link keeps a message the daemon could not record and sends it again: handled once", async () => {
    const state = new FlakyStateBackend();
    const r = await runtime(state);
    const statuses: BridgeStatus[] = [];
    // The bridge bundle's own link and outbox, over a real socket.io client.
    const link = new DaemonLink({
      socket: socketFor(r, 'agent-a', false),
      outbox: new MessageOutbox(200, 120_000),
      ackTimeoutMs: 5000,
      reconnectDelayMs: 50,
      reconnectDelayMaxMs: 200,
      refusedRetryMs: 60_000,
      now: () => Date.now(),
      onStatus: (status) => statuses.push(status),
      onError: () => undefined,
    });
    cleanups.push(() => link.close());
    link.start();
    await waitFor(() => link.status.state === 'connected', 'the link');
    state.failing = true;
    const payload = { messageId: 'm1', envelope: offer('ev-1') };
    link.send({ event: bridgeMessages.envelope, payload, at: Date.now() });
    await waitFor(() => state.refused >= 3, 'the message refused, then sent again');
    expect(link.status).toMatchObject({ queued: 1, delivered: 0, dropped: 0 });
    expect(bridged(r)).toEqual([]);

    state.failing = false;
    await waitFor(() => link.status.delivered === 1, 'the message delivered once the store records');
    await waitFor(() => bridged(r).length === 1, 'its event');
    expect(link.status).toMatchObject({ queued: 0, delivered: 1, dropped: 0 });
    expect(bridged(r).map((e) => e.id)).toEqual(['maestro:agent-a:offered:ev-1']);
    expect(statuses.some((s) => s.state === 'disconnected')).toBe(false);
  });

  test('a dial cut off by a stop is sent again after the restart, with the same key; the call keeps its id', async () => {
    const state = new FlakyStateBackend();
    const first = await runtime(state);
    const before = agentBridge(first, 'agent-a');
    before.answering = false;
    await waitFor(() => before.socket.connected, 'the bridge');
    before.socket.emit(bridgeMessages.envelope, { messageId: 'm1', envelope: offer('ev-1') });
    await waitFor(() => before.dials.length === 1, 'the dial, never confirmed');
    const key = before.dials[0]?.key;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // The stop does not wait for the dial's confirmation: it stays unconfirmed in the state.
    await first.stop(200);

    const second = await runtime(state);
    // The agent's bridge comes back a moment after the daemon: the dial run again waits for it.
    const after = agentBridge(second, 'agent-a');
    await waitFor(() => after.dials.length === 1, 'the dial sent again', 15_000);
    await waitFor(() => outcomes(second).length === 1, 'its outcome');
    expect(after.dials).toEqual([{ phoneNumber: '+12015550123', key }]);
    expect(outcomes(second)).toEqual([expect.objectContaining({ action: 'dial', status: 'ok' })]);

    // A later message of the same interaction joins the call the offered started before the restart.
    after.socket.emit(bridgeMessages.envelope, {
      messageId: 'm2',
      envelope: maestroEvent({ eventName: 'accepted', eventId: 'ev-2', searchContext: '(201) 555-0123' }),
    });
    await waitFor(() => bridged(second).some((e) => e.type === 'call.answered'), 'the accepted message');
    const ids = bridged(second).map((e) => [e.type, e.call?.id]);
    expect(ids).toEqual([
      ['call.offered', 'maestro:agent-a:ev-1'],
      ['call.answered', 'maestro:agent-a:ev-1'],
    ]);
    expect(after.dials).toHaveLength(1);
  });
});
