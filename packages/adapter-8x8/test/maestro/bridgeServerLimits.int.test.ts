import { waitFor } from '@switchboard/test-support';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { maestroEvent } from '../../src/testing/maestroSamples.js';
import {
  bridgeLimits,
  bridgeMessages,
  type EnvelopeAck,
} from '../../src/transport/maestro/bridgeProtocol.js';
import { createBridgeToken } from '../../src/transport/maestro/bridgeToken.js';
import { type BridgeRuntime, startBridgeRuntime } from '../support/startBridgeRuntime.js';

const secret = 'bridge-secret-0123456789';
const page = 'https://crm.example.com';
const rules = `rules:
  - name: log-ended
    on: call.ended
    do:
      - set: { ended: "yes" }
`;

let bridge: BridgeRuntime;
let socket: Socket;

beforeEach(async () => {
  bridge = await startBridgeRuntime({ allowedOrigins: [page], secret }, rules);
  socket = io(`${bridge.address}/adapters/cc`, {
    transports: ['websocket'],
    extraHeaders: { origin: page },
    auth: { agentId: 'agent-a', token: createBridgeToken({ secret, agentId: 'agent-a' }) },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
});

afterEach(async () => {
  socket.close();
  await bridge.stop();
});

const rejections = () =>
  bridge.diagnostics.flatMap((d) => (d.kind === 'rejected' ? [{ reason: d.reason, detail: d.detail }] : []));
const send = (event: string, payload: unknown) =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<EnvelopeAck>;

describe('what the Maestro bridge server takes from a bridge', () => {
  test('acknowledges every message it took, valid or not, so the bridge knows what to send again', async () => {
    const offer = maestroEvent({ eventName: 'offered', eventId: 'ev-1', searchContext: '+12015550123' });
    expect(await send(bridgeMessages.envelope, { messageId: 'm1', envelope: offer })).toEqual({ ok: true });
    const invalid = { messageId: 'm2', envelope: { x: 1 }, reason: 'NOT_AN_OBJECT', errors: [] };
    expect(await send(bridgeMessages.invalid, invalid)).toEqual({ ok: true });
    // Sent again after a lost acknowledgement: acknowledged again, fires once.
    expect(await send(bridgeMessages.envelope, { messageId: 'm1', envelope: offer })).toEqual({ ok: true });
    await waitFor(() => bridge.events.filter((e) => e.source === 'cc').length >= 3, 'the events');
    expect(bridge.events.filter((e) => e.type === 'call.offered')).toHaveLength(1);
  });

  test('JSON nested deeper than core allows is rejected input, answered, and the connection goes on', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1000; i += 1) deep = { deep };
    const offer = maestroEvent({
      eventName: 'offered',
      eventId: 'ev-d',
      searchContext: '+1',
      extra: { deep },
    });
    expect(await send(bridgeMessages.envelope, { messageId: 'm1', envelope: offer })).toEqual({
      ok: false,
      error: 'nested deeper than 64 levels',
    });
    expect(rejections()).toEqual([
      {
        reason: 'maestro-bad-bridge-message',
        detail: { agentId: 'agent-a', error: 'nested deeper than 64 levels' },
      },
    ]);
    const next = maestroEvent({ eventName: 'offered', eventId: 'ev-2', searchContext: '+12015550123' });
    expect(await send(bridgeMessages.envelope, { messageId: 'm2', envelope: next })).toEqual({ ok: true });
    expect(bridge.events.filter((e) => e.type === 'call.offered').map((e) => e.id)).toEqual([
      'maestro:agent-a:offered:ev-2',
    ]);
    expect(socket.connected).toBe(true);
  });

  test('the largest envelope a bridge forwards (768 KiB as UTF-8) arrives; a cut one fires and is counted', async () => {
    const filler = '€'.repeat(8000);
    const fields = Object.fromEntries(
      Array.from(
        { length: Math.floor((bridgeLimits.maxEnvelopeChars - 1000) / (filler.length + 20)) },
        (_, i) => [`part${i}`, filler],
      ),
    );
    const ended = maestroEvent({
      eventName: 'terminated',
      eventId: 'ev-big',
      searchContext: '+12015550123',
      media: 'chat-nextgen',
      extra: { mediaType: 'whatsapp', additionalData: { disposition_code: 'Sale', ...fields } },
    });
    const bytes = Buffer.byteLength(JSON.stringify(ended), 'utf8');
    expect(bytes).toBeGreaterThan(700_000);
    expect(JSON.stringify(ended).length).toBeLessThanOrEqual(bridgeLimits.maxEnvelopeChars);
    expect(await send(bridgeMessages.envelope, { messageId: 'm1', envelope: ended, truncated: 1 })).toEqual({
      ok: true,
    });
    await waitFor(() => bridge.events.some((e) => e.type === 'call.ended'), 'call.ended');
    expect(rejections()).toEqual([
      {
        reason: 'maestro-message-truncated',
        detail: expect.objectContaining({ agentId: 'agent-a', messageId: 'm1', truncated: 1 }),
      },
    ]);
    expect(socket.connected).toBe(true);
  });

  test("a bridge's report of messages dropped while the daemon was away is counted and logged", async () => {
    socket.emit(bridgeMessages.report, { dropped: 3, reason: 'more than 200 messages waiting' });
    socket.emit(bridgeMessages.report, { dropped: 'many' });
    await waitFor(() => rejections().length === 2, 'the two reports');
    expect(rejections()).toEqual([
      {
        reason: 'maestro-bridge-dropped',
        detail: { agentId: 'agent-a', dropped: 3, error: 'more than 200 messages waiting' },
      },
      {
        reason: 'maestro-bad-bridge-message',
        detail: { agentId: 'agent-a', error: 'malformed drop report' },
      },
    ]);
  });
});
