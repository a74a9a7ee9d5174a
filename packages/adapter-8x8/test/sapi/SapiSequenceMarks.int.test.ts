import type { StateStore } from '@switchboard/core';
import { MemoryStateStore } from '@switchboard/core/testing';
import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { SapiEmulator } from '../../src/testing/SapiEmulator.js';
import type { SapiEmulatorOptions } from '../../src/testing/SapiEmulatorOptions.js';
import { agentStatusBody } from '../../src/testing/sapiSamples.js';
import { startRawSapiServer } from '../support/rawSapiServer.js';
import { type RunningSapiConnection, startSapiConnection } from '../support/startSapiConnection.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulator(options: Partial<SapiEmulatorOptions> = {}): Promise<SapiEmulator> {
  const e = await SapiEmulator.start({ tenant: 'acmecorp01', token: 'tok-secret-123', ...options });
  cleanups.push(() => e.close());
  return e;
}

async function subscribe(...args: Parameters<typeof startSapiConnection>): Promise<RunningSapiConnection> {
  const s = await startSapiConnection(...args);
  cleanups.push(() => s.stop());
  return s;
}

const newState = (): StateStore => new MemoryStateStore();
const agents = (s: RunningSapiConnection) => s.events.published.map((e) => e.agent?.id);
const status = (e: SapiEmulator, agentId: string) =>
  e.publish('AgentStatusChange', agentStatusBody(agentId, 5));

describe('SAPI sequence marks', () => {
  test('heartbeats with sequenceId 0 do not lower the mark: after a restart, 0 of 15 replayed events fire again', async () => {
    const sapi = await emulator({ clientCheckMs: 20, clientCheckSequenceId: 0 });
    const state = newState();
    const first = await startSapiConnection(sapi, {}, state);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    const names = Array.from({ length: 15 }, (_, i) => `ag${i + 1}`);
    for (const name of names) status(sapi, name);
    await waitFor(() => first.events.published.length === 15, 'the 15 events');
    const heartbeats = sapi.clientChecksSent;
    await waitFor(() => sapi.clientChecksSent >= heartbeats + 3, 'heartbeats after the last event');
    await first.stop();

    const second = await subscribe(sapi, {}, state);
    await waitFor(() => sapi.connections === 1 && sapi.requests.length === 2, 'the resubscription');
    status(sapi, 'after-restart');
    // The replayed history comes before this event on the stream: once it is out, the replay is handled.
    await waitFor(() => agents(second).includes('after-restart'), 'the event published after the restart');
    expect(agents(first)).toEqual(names);
    const doubled = agents(second).filter((a) => names.includes(a ?? ''));
    expect(doubled).toEqual([]);
    expect(agents(second)).toEqual(['after-restart']);
    expect(second.logs.filter((l) => l.msg === 'SAPI event seen before; skipped')).toHaveLength(15);
  });

  test('an event with sequenceId and timestamp 1e308 is handled but never becomes the mark; later events go on', async () => {
    const at = Date.now() - 60_000;
    const line = (agentId: string, sequenceId: number, timestamp = at + sequenceId) =>
      `${JSON.stringify({
        AgentStatusChange: {
          ...agentStatusBody(agentId, 5),
          msgInfo: { instanceId: 'sapi01', sequenceId, timestamp },
        },
      })}\n`;
    const stream = [
      line('ag1', 1),
      line('poison', 1e308, 1e308),
      line('ag2', 2),
      line('ag3', 3),
      line('far-future', 2 ** 53 - 1, Date.now() + 24 * 3_600_000),
      line('ag4', 4),
    ].join('');
    const server = await startRawSapiServer((res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.write(stream);
    });
    cleanups.push(() => server.close());
    const state = newState();
    const s = await startSapiConnection(server, {}, state);
    await waitFor(() => s.events.published.length === 6, 'every event');
    await s.stop();
    expect(agents(s)).toEqual(['ag1', 'poison', 'ag2', 'ag3', 'far-future', 'ag4']);
    expect(await state.get('sapi.sequence')).toEqual({ sapi01: { sequenceId: 4, timestamp: at + 4 } });
    const warnings = s.logs.filter((l) => /out-of-range msgInfo/.test(l.msg));
    expect(warnings.map((l) => l.reason)).toEqual([
      'sequenceId 1e+308 is not a sequence number',
      expect.stringMatching(/^timestamp \d+ is more than 10 minutes ahead of this clock$/),
    ]);
    expect(s.events.rejected).toEqual([]);
  });

  test('a poisoned mark saved by an older version is dropped on loading', async () => {
    const sapi = await emulator({ instanceId: 'sapi01' });
    const state = newState();
    await state.set('sapi.sequence', {
      sapi01: { sequenceId: 1e308, timestamp: 1e308 },
      other: { sequenceId: 7, timestamp: Date.now() - 1000 },
    });
    const s = await subscribe(sapi, {}, state);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    for (const name of ['ag1', 'ag2', 'ag3']) status(sapi, name);
    await waitFor(() => s.events.published.length === 3, 'the events');
    expect(agents(s)).toEqual(['ag1', 'ag2', 'ag3']);
  });

  test('a restarted SAPI server is recognised by its new instanceId; the same instance counting again with newer times is new too', async () => {
    const sapi = await emulator({ instanceId: 'sapi-a' });
    const s = await subscribe(sapi);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    for (const name of ['ag1', 'ag2', 'ag3']) status(sapi, name);
    await waitFor(() => s.events.published.length === 3, 'the first events');
    sapi.restartInstance('sapi-b');
    const fourth = status(sapi, 'ag4');
    await waitFor(() => s.events.published.length === 4, 'the first event of the new instance');
    const published = (fourth.body.msgInfo as { timestamp: number }).timestamp;
    await waitFor(() => Date.now() > published, 'a newer millisecond for the next publish time');
    sapi.restartInstance('sapi-b');
    status(sapi, 'ag5');
    await waitFor(() => s.events.published.length === 5, 'the same instance counting from 1 again');
    expect(agents(s)).toEqual(['ag1', 'ag2', 'ag3', 'ag4', 'ag5']);
    expect(s.events.published.map((e) => e.id.split(':').slice(0, 3).join(':'))).toEqual([
      'sapi:sapi-a:1',
      'sapi:sapi-a:2',
      'sapi:sapi-a:3',
      'sapi:sapi-b:1',
      'sapi:sapi-b:1',
    ]);
  });
});
