import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { PulsarEmulator } from '../../src/testing/PulsarEmulator.js';
import { hasUrlHostileCharacters } from '../../src/testing/pulsarMessageId.js';
import { agentStatusBody, inboundCallEvents } from '../../src/testing/sapiSamples.js';
import { countIds, type RunningEventStream, startEventStream } from './startEventStream.js';

const apiKey = 'eght_k3y-Secret-4e9c1a77d2';
const fast = { retry: { initialMs: 50, maxMs: 200 } };

let emulator: PulsarEmulator | undefined;
const running: RunningEventStream[] = [];

afterEach(async () => {
  for (const stream of running.splice(0)) await stream.stop();
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Record<string, unknown> = {}, state?: RunningEventStream['state']) {
  const stream = await startEventStream(
    { url: (emulator as PulsarEmulator).url, apiKey, startAt: 'earliest', ...fast, ...options },
    state,
  );
  running.push(stream);
  return stream;
}

/** One agent event per index: an easy id to count. */
function publishAgent(n: number): void {
  (emulator as PulsarEmulator).publish({ type: 'AgentStatusChange', body: agentStatusBody(`ag${n}`, 5, n) });
}

/** Every agent i in [0, total) dispatched exactly once (0 lost, 0 doubled). */
function expectEachOnce(stream: RunningEventStream, total: number): void {
  const agents = stream.dispatched.filter((e) => e.type === 'agent.state').map((e) => String(e.agent?.id));
  const counts = countIds(agents);
  const lost = Array.from({ length: total }, (_, i) => `ag${i}`).filter((a) => !counts.has(a));
  const doubled = [...counts].filter(([, n]) => n > 1);
  expect({ lost: lost.length, doubled: doubled.length, total: agents.length }).toEqual({
    lost: 0,
    doubled: 0,
    total,
  });
}

const dispatchedAgents = (stream: RunningEventStream) =>
  stream.dispatched.filter((e) => e.type === 'agent.state').length;

describe('8x8 Event Streaming against the Pulsar emulator', () => {
  test('1,500 messages in a row flow with a receiverQueueSize of 100: every one acknowledged', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['event-v1/all'] } });
    const stream = await start({ receiverQueueSize: 100 });
    for (let i = 0; i < 1500; i++) publishAgent(i);
    await waitFor(() => dispatchedAgents(stream) >= 1500, '1,500 events', 30_000);
    await waitFor(() => emulator?.acked === 1500, 'every message acknowledged');
    expectEachOnce(stream, 1500);
    expect(emulator.ackedIds).toEqual(emulator.log.map((e) => e.messageId));
    expect(await stream.state.get('stream.resume')).toBe(emulator.log.at(-1)?.messageId);
    expect(emulator.requests.map((r) => r.status)).toEqual([101]);
  });

  test('a connection cut in the middle of a frame: the reader resumes after the last recorded id, 0 lost, 0 doubled', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] }, messageIds: 'with-+/=' });
    const stream = await start();
    for (let i = 0; i < 40; i++) publishAgent(i);
    await waitFor(() => dispatchedAgents(stream) === 40, 'the first 40');
    await waitFor(() => emulator?.acked === 40, 'their acks');
    publishAgent(40);
    await waitFor(() => dispatchedAgents(stream) === 41, 'the 41st');
    await waitFor(() => emulator?.acked === 41, 'its ack');
    emulator.drop({ midMessage: true });
    for (let i = 41; i < 80; i++) publishAgent(i);
    await waitFor(() => dispatchedAgents(stream) >= 80, 'the rest after the reconnect');
    expectEachOnce(stream, 80);
    const resumes = emulator.requests.filter((r) => r.status === 101).map((r) => r.query.messageId);
    expect(resumes).toEqual(['earliest', emulator.log[40]?.messageId]);
    expect(hasUrlHostileCharacters(String(resumes[1]))).toBe(true);
    expect(stream.rejected).toEqual([]);
  });

  test('the broker restarts on a new ledger (ids "smaller" than before) while events keep coming: 0 lost, 0 doubled', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] }, messageIds: 'with-+/=' });
    const stream = await start();
    for (let i = 0; i < 30; i++) publishAgent(i);
    await waitFor(() => dispatchedAgents(stream) === 30, 'the first 30');
    const oldLedger = emulator.ledgerId;
    await emulator.kill();
    for (let i = 30; i < 40; i++) publishAgent(i); // stored by the cluster while this broker is down
    await emulator.restart({ newLedger: true });
    expect(emulator.ledgerId).toBeLessThan(oldLedger);
    for (let i = 40; i < 70; i++) publishAgent(i);
    await waitFor(() => dispatchedAgents(stream) >= 70, 'every event after the restart', 15_000);
    // An ack lost with the broker is harmless: the resume point had moved with the commit before it.
    const after = emulator.log.slice(30).map((e) => e.messageId);
    await waitFor(
      () => after.every((id) => emulator?.ackedIds.includes(id)),
      'every later message acknowledged',
    );
    expectEachOnce(stream, 70);
    expect(await stream.state.get('stream.resume')).toBe(emulator.log.at(-1)?.messageId);
  });

  test('restarting the instance resumes from the stored message id, exclusive: nothing twice', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] }, messageIds: 'with-+/=' });
    const first = await start();
    for (let i = 0; i < 10; i++) publishAgent(i);
    await waitFor(() => emulator?.acked === 10, 'ten acks');
    await first.stop();
    running.splice(running.indexOf(first), 1);
    for (let i = 10; i < 20; i++) publishAgent(i);
    const second = await start({}, first.state);
    await waitFor(() => dispatchedAgents(second) === 10, 'the ten published while it was down');
    const agents = second.dispatched.filter((e) => e.type === 'agent.state').map((e) => e.agent?.id);
    expect(agents).toEqual(Array.from({ length: 10 }, (_, i) => `ag${i + 10}`));
    expect(emulator.requests.at(-1)?.query.messageId).toBe(emulator.log[9]?.messageId);
  });

  test('per-topic reading: agent-v1/<agentId> gets only that agent, event-v1/<EventType> only that type', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] } });
    const agentStream = await start({ topic: 'agent-v1/agA' });
    const typeStream = await start({ topic: 'event-v1/InteractionAccepted' });
    await waitFor(() => emulator?.connections === 2, 'two readers');
    emulator.publish({ type: 'AgentStatusChange', body: agentStatusBody('agB', 5, 1) });
    for (const event of inboundCallEvents('int-1', {
      queue: 'Sales',
      agentId: 'agA',
      caller: '+12015550123',
      talkSeconds: 9,
    }))
      emulator.publish(event);
    emulator.publish({ type: 'AgentStatusChange', body: agentStatusBody('agA', 5, 2) });
    const vendorEvents = (stream: RunningEventStream) =>
      stream.dispatched
        .filter((e) => !e.type.startsWith('adapter.'))
        .map((e) => `${e.vendorEvent} ${e.agent?.id}`);
    await waitFor(
      () => vendorEvents(agentStream).length === 4 && vendorEvents(typeStream).length === 1,
      'both topics',
    );
    expect(vendorEvents(typeStream)).toEqual(['8x8.InteractionAccepted agA']);
    expect(vendorEvents(agentStream).sort()).toEqual([
      '8x8.AgentStatusChange agA',
      '8x8.InteractionAccepted agA',
      '8x8.InteractionAssigned agA',
      '8x8.InteractionDeleted agA',
    ]);
  });

  test('a malformed message costs only itself: counted, acknowledged, and the stream goes on', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] } });
    const stream = await start();
    publishAgent(0);
    emulator.publishRaw((messageId) =>
      JSON.stringify({ messageId, payload: Buffer.from('{oops').toString('base64') }),
    );
    emulator.publishRaw(() => 'not json at all');
    publishAgent(1);
    await waitFor(() => dispatchedAgents(stream) === 2, 'both good events');
    await waitFor(() => emulator?.acked === 3, 'three acks (the frame without an id has none)');
    expect(stream.rejected.map((r) => r.reason)).toEqual([
      'stream-malformed-payload',
      'stream-malformed-envelope',
    ]);
    expect(emulator.requests.filter((r) => r.status === 101)).toHaveLength(1);
  });

  test.each([
    [401, 'X8_STREAM_AUTH', 'wrong-key', ['*']],
    [403, 'X8_STREAM_FORBIDDEN', apiKey, ['agent-v1/*']],
  ] as const)(
    'HTTP %i: %s, state failed, no retry; the key appears nowhere',
    async (status, code, key, topics) => {
      emulator = await PulsarEmulator.start({ keys: { [apiKey]: topics } });
      const stream = await startEventStream({ url: emulator.url, apiKey: key, ...fast });
      running.push(stream);
      await waitFor(() => stream.states.some((s) => s.state === 'failed'), 'the failed state');
      const failed = stream.states.find((s) => s.state === 'failed');
      expect(failed?.detail).toContain(`HTTP ${status}`);
      expect(stream.events.status.state).toBe('failed');
      const line = stream.logs.find((l) => l.code === code);
      expect(line?.level).toBe('error');
      // With a 50 ms backoff, a retrying loop would knock dozens of times in a second.
      await new Promise((r) => setTimeout(r, 1000));
      expect(emulator.requests).toHaveLength(1);
      expect(emulator.requests[0]?.status).toBe(status);
      expect(JSON.stringify([stream.logs, stream.states])).not.toContain(key);
    },
  );

  test('a message longer than maxMessageBytes: rejected unparsed, acknowledged, the stream goes on', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] } });
    const stream = await start({ maxMessageBytes: 4096 });
    publishAgent(0);
    const big = emulator.publishRaw((messageId) =>
      JSON.stringify({
        messageId,
        payload: Buffer.from(JSON.stringify({ X: { pad: 'x'.repeat(20_000) } })).toString('base64'),
      }),
    );
    publishAgent(1);
    await waitFor(() => dispatchedAgents(stream) === 2, 'both events');
    await waitFor(() => emulator?.acked === 3, 'three acks');
    expect(stream.rejected.map((r) => [r.reason, r.detail?.messageId])).toEqual([
      ['stream-oversized-message', big.messageId],
    ]);
    expect(emulator.requests.filter((r) => r.status === 101)).toHaveLength(1);
  });

  test('a commit that fails: nothing is acknowledged, the connection is replaced, the messages come again (X8_STREAM_STATE)', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] } });
    let failures = 1;
    const stream = await startEventStream(
      { url: emulator.url, apiKey, startAt: 'earliest', ...fast },
      undefined,
      () => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('SWB_STATE_UNAVAILABLE: the store cannot commit');
        }
      },
    );
    running.push(stream);
    publishAgent(0);
    await waitFor(() => stream.logs.find((l) => l.code === 'X8_STREAM_STATE'), 'the failed commit');
    expect(emulator.acked).toBe(0);
    await waitFor(() => dispatchedAgents(stream) === 1, 'the message read again');
    await waitFor(() => emulator?.acked === 1, 'its ack');
    expectEachOnce(stream, 1);
    expect(emulator.requests.filter((r) => r.status === 101).map((r) => r.query.messageId)).toEqual([
      'earliest',
      'earliest',
    ]);
  });

  test('a hung broker (no frame, no pong): X8_STREAM_IDLE, the connection is replaced and the stream goes on', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] } });
    const stream = await start({ pingIntervalSeconds: 0.1, idleTimeoutSeconds: 0.6 });
    publishAgent(0);
    await waitFor(() => dispatchedAgents(stream) === 1, 'the first event');
    emulator.freeze();
    publishAgent(1);
    await waitFor(() => stream.logs.find((l) => l.code === 'X8_STREAM_IDLE'), 'the idle timeout');
    await waitFor(() => dispatchedAgents(stream) === 2, 'the event after the reconnect');
    expectEachOnce(stream, 2);
    expect(emulator.requests.filter((r) => r.status === 101)).toHaveLength(2);
  });

  test('without msgInfo, a message is named by its id: a redelivery fires nothing twice, an equal new message does', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] }, msgInfo: false });
    const stream = await start();
    const body = agentStatusBody('agSame', 5, 1);
    const payload = Buffer.from(JSON.stringify({ AgentStatusChange: body })).toString('base64');
    const envelope = (messageId: string) =>
      JSON.stringify({
        messageId,
        payload,
        properties: {},
        publishTime: '2026-12-01T10:00:00Z',
        redeliveryCount: 0,
      });
    const first = emulator.publishRaw(envelope);
    emulator.publishRaw(() => envelope(first.messageId)); // the same message again (redeliveryCount unreliable)
    emulator.publishRaw(envelope); // an equal event in a new message
    await waitFor(() => emulator?.acked === 3, 'three acks');
    await waitFor(() => dispatchedAgents(stream) === 2, 'two events');
    await new Promise((r) => setTimeout(r, 200));
    const ids = stream.dispatched.filter((e) => e.type === 'agent.state').map((e) => e.id);
    expect(ids).toEqual([`pulsar:${first.messageId}`, `pulsar:${emulator.log[2]?.messageId}`]);
  });

  test('connected but quiet: the state says so (and stays connected); the next message clears it', async () => {
    emulator = await PulsarEmulator.start({ keys: { [apiKey]: ['*'] } });
    const stream = await start({ quietWarningSeconds: 0.3 });
    await waitFor(() => stream.events.status.detail?.includes('no message for 0.3 s'), 'the quiet warning');
    expect(stream.events.status.state).toBe('connected');
    publishAgent(0);
    await waitFor(() => stream.events.status.detail?.endsWith('(Pulsar reader)'), 'the warning cleared');
  });
});
