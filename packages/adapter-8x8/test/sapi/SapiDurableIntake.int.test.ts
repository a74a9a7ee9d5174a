import { waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { SapiEmulator } from '../../src/testing/SapiEmulator.js';
import type { SapiEmulatorOptions } from '../../src/testing/SapiEmulatorOptions.js';
import { agentStatusBody, interactionBody } from '../../src/testing/sapiSamples.js';
import { FlakyStateBackend } from '../support/flakyStateBackend.js';
import { type SapiRuntime, startSapiRuntime } from '../support/startSapiRuntime.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const instanceId = 'sapi01';

async function emulator(options: Partial<SapiEmulatorOptions> = {}): Promise<SapiEmulator> {
  const e = await SapiEmulator.start({
    tenant: 'acmecorp01',
    token: 'tok-secret-123',
    instanceId,
    ...options,
  });
  cleanups.push(() => e.close());
  return e;
}

async function runtime(sapi: SapiEmulator, state: FlakyStateBackend): Promise<SapiRuntime> {
  const r = await startSapiRuntime(sapi, state);
  cleanups.push(() => r.stop());
  return r;
}

/** What the SAPI stream brought (not core's own `adapter.*` events). */
const fromSapi = (r: SapiRuntime) => r.events.filter((e) => !e.type.startsWith('adapter.'));
const agents = (r: SapiRuntime) => fromSapi(r).map((e) => e.agent?.id);
const status = (e: SapiEmulator, agentId: string) =>
  e.publish('AgentStatusChange', agentStatusBody(agentId, 5));
/** The marks as the daemon's state holds them (core writes them with the events they pass). */
const mark = async (state: FlakyStateBackend) =>
  (await state.inner.namespace('cc').get<Record<string, { sequenceId: number }>>('a/sapi.sequence'))?.[
    instanceId
  ]?.sequenceId;
const sequenceOf = (event: { body: Readonly<Record<string, unknown>> }) =>
  (event.body.msgInfo as { sequenceId: number }).sequenceId;

/** Counts the commits that move the SAPI marks (core's `accept` writes them with the events they pass). */
class CountingStateBackend extends FlakyStateBackend {
  markCommits = 0;

  override namespace(name: string) {
    const store = super.namespace(name);
    return {
      ...store,
      batch: (ops: Parameters<typeof store.batch>[0]) => {
        if (name === 'cc' && ops.some((op) => op.key === 'a/sapi.sequence')) this.markCommits += 1;
        return store.batch(ops);
      },
    };
  }
}

describe('SAPI intake through core (in-process runtime with a durable state backend)', () => {
  test('the events of one chunk of the stream go to core in one commit, with the marks after the last', async () => {
    const sapi = await emulator();
    const state = new CountingStateBackend();
    const r = await runtime(sapi, state);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    const count = 60;
    // One write of 60 events (about 12 KB): the daemon reads it in a chunk or a few, never one per event.
    const sent = sapi.publishMany(
      Array.from({ length: count }, (_, i) => ({
        type: 'AgentStatusChange',
        body: agentStatusBody(`ag${i}`, 5),
      })),
    );
    await waitFor(() => fromSapi(r).length === count, 'every event');
    await waitFor(async () => (await mark(state)) === sequenceOf(sent.at(-1)!), 'the mark of the last event');
    expect(agents(r)).toEqual(Array.from({ length: count }, (_, i) => `ag${i}`));
    expect(state.markCommits).toBeGreaterThan(0);
    expect(state.markCommits).toBeLessThanOrEqual(6);
  });

  test('while the store cannot record, the marks never pass the events; once it can, the replay brings them: 0 lost, 0 doubled', async () => {
    const sapi = await emulator();
    const state = new FlakyStateBackend();
    const r = await runtime(sapi, state);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    for (const name of ['ag1', 'ag2', 'ag3']) status(sapi, name);
    await waitFor(() => fromSapi(r).length === 3, 'the first 3 events');
    await waitFor(async () => (await mark(state)) === 3, 'the mark of the third event');

    state.failing = true;
    for (const name of ['ag4', 'ag5', 'ag6']) status(sapi, name);
    // Each resubscription gets SAPI's replay, which cannot be recorded either: the session is broken again.
    await waitFor(() => sapi.requests.length >= 3, 'two resubscriptions while the store refuses');
    expect(await mark(state)).toBe(3);
    expect(agents(r)).toEqual(['ag1', 'ag2', 'ag3']);

    state.failing = false;
    await waitFor(() => fromSapi(r).length >= 6, 'the events once the store records again');
    status(sapi, 'ag7');
    await waitFor(() => fromSapi(r).length >= 7, 'a later event');
    expect(agents(r)).toEqual(['ag1', 'ag2', 'ag3', 'ag4', 'ag5', 'ag6', 'ag7']);
    expect(new Set(fromSapi(r).map((e) => e.id)).size).toBe(7);
    await waitFor(async () => (await mark(state)) === 7, 'the mark of the last event');
  });

  test('a message that maps to no event moves the mark; heartbeats never do; a restart skips both', async () => {
    const sapi = await emulator({ clientCheckMs: 20, clientCheckSequenceId: 'shared' });
    const state = new FlakyStateBackend();
    const first = await runtime(sapi, state);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    status(sapi, 'ag1');
    // An Interaction without its GUID cannot become an event: rejected, yet passed by the mark.
    const unmappable = sapi.publish('Interaction', { event: 'InteractionQueued', callState: 'CS_QUEUED' });
    await waitFor(async () => (await mark(state)) === sequenceOf(unmappable), 'the mark of the unmappable');
    // Heartbeats share the sequence here: later ones carry higher numbers, and still leave the mark be.
    const heartbeats = sapi.clientChecksSent;
    await waitFor(() => sapi.clientChecksSent >= heartbeats + 3, 'heartbeats after it');
    await first.stop();
    expect(await mark(state)).toBe(sequenceOf(unmappable));
    expect(agents(first)).toEqual(['ag1']);

    const second = await runtime(sapi, state);
    await waitFor(() => sapi.requests.filter((q) => q.status === 200).length === 2, 'the resubscription');
    status(sapi, 'after-restart');
    await waitFor(() => agents(second).includes('after-restart'), 'the event after the restart');
    expect(agents(second)).toEqual(['after-restart']);
    expect(first.rejected).toEqual(['sapi-unmappable-event']);
    expect(second.rejected).toEqual([]);
  });

  test('an interaction that ended before a restart is not ended again by a later leg after it', async () => {
    const sapi = await emulator();
    const state = new FlakyStateBackend();
    const leg = (agentId: string) =>
      sapi.publish(
        'Interaction',
        interactionBody({
          guid: 'int-legs',
          event: 'InteractionDeleted',
          callState: 'CS_DISCONNECTED',
          agentId,
          queue: 'Sales',
        }),
      );
    const first = await runtime(sapi, state);
    await waitFor(() => sapi.connections === 1, 'the subscription');
    leg('agA');
    await waitFor(() => fromSapi(first).length === 1, "the first agent's leg");
    expect(fromSapi(first).map((e) => [e.type, e.id])).toEqual([['call.ended', 'sapi:int-legs:ended']]);
    await first.stop();

    const second = await runtime(sapi, state);
    await waitFor(() => sapi.requests.filter((q) => q.status === 200).length === 2, 'the resubscription');
    leg('agB');
    await waitFor(() => fromSapi(second).length === 1, "the second agent's leg");
    expect(fromSapi(second).map((e) => [e.type, e.vendorEvent, e.agent?.id])).toEqual([
      ['vendor.event', '8x8.InteractionDeleted', 'agB'],
    ]);
  });
});
