import { describe, expect, it } from 'vitest';
import type { CilResult, SocketLike } from './browserTypes.js';
import { EventForwarder } from './EventForwarder.js';
import { EventOutbox } from './EventOutbox.js';

/** A connected socket whose `beforeDial` ack is `reply` (or never comes), recording what is emitted. */
function fakeSocket(reply: unknown | 'no-ack') {
  const emitted: { name: string; payload: unknown }[] = [];
  const socket: SocketLike = {
    connected: true,
    active: true,
    auth: {},
    on: () => socket,
    emit: (name: string, payload: unknown) => {
      emitted.push({ name, payload });
      return socket;
    },
    timeout: (ms: number) => ({
      emitWithAck: () =>
        reply === 'no-ack'
          ? new Promise((_, reject) => setTimeout(() => reject(new Error('operation has timed out')), ms))
          : Promise.resolve(reply),
    }),
    connect: () => socket,
    disconnect: () => socket,
  };
  return { socket, emitted };
}

/** A forwarder whose library answers `dialOrConsult` with `answer(number)`; records every dial. */
function forwarder(reply: unknown, answer: (phoneNumber: string) => Promise<CilResult>) {
  const dials: { channelId: string | undefined; phoneNumber: string }[] = [];
  const f = new EventForwarder({
    outbox: new EventOutbox(10, 60_000),
    ackTimeoutMs: 1000,
    retryMs: 1000,
    now: () => Date.now(),
    newId: () => 'msg-1',
    dial: (channelId, phoneNumber) => {
      dials.push({ channelId, phoneNumber });
      return answer(phoneNumber);
    },
    claims: { held: 0, claim: async () => () => undefined },
    changed: () => undefined,
  });
  const { socket, emitted } = fakeSocket(reply);
  f.attach(socket);
  f.beforeDialTimeoutMs = 50;
  f.dialTimeoutMs = 100;
  return { f, dials, emitted };
}

const ok = async (): Promise<CilResult> => ({ success: true });
const dialEvent = { event: 'beforeDial', dialedNumber: '5551234', callType: 'Outbound' };
const chosen = { ok: true, decision: 'dial', rule: 'r', phoneNumber: '+41445551234', channelId: 'voice_1' };

describe('EventForwarder: beforeDial always ends in a call attempt', () => {
  it("dials the rule's number on the rule's channel and reports it", async () => {
    const { f, dials, emitted } = forwarder(chosen, ok);
    await f.beforeDial(dialEvent);
    expect(dials).toEqual([{ channelId: 'voice_1', phoneNumber: '+41445551234' }]);
    expect(emitted).toContainEqual({
      name: 'bridge:dial-outcome',
      payload: { id: 'msg-1', phoneNumber: '+41445551234', success: true },
    });
  });

  it("dials the original number when b+s refuses the rule's number, and reports both", async () => {
    const { f, dials, emitted } = forwarder(chosen, async (n) =>
      n === '5551234' ? { success: true } : { success: false, error: 'invalid address' },
    );
    await f.beforeDial(dialEvent);
    expect(dials.map((d) => d.phoneNumber)).toEqual(['+41445551234', '5551234']);
    expect(dials[1]?.channelId).toBeUndefined(); // the bridge's own channel
    expect(emitted.find((e) => e.name === 'bridge:dial-outcome')?.payload).toEqual({
      id: 'msg-1',
      phoneNumber: '+41445551234',
      success: false,
      error: 'invalid address',
      fallback: { phoneNumber: '5551234', success: true },
    });
  });

  it('dials the original number when dialOrConsult throws or never answers', async () => {
    for (const answer of [
      async (): Promise<CilResult> => {
        throw new Error('library gone');
      },
      () => new Promise<CilResult>(() => undefined),
    ]) {
      let calls = 0;
      const { f, dials, emitted } = forwarder(chosen, () => (calls++ === 0 ? answer() : ok()));
      await f.beforeDial(dialEvent);
      expect(dials.map((d) => d.phoneNumber)).toEqual(['+41445551234', '5551234']);
      const outcome = emitted.find((e) => e.name === 'bridge:dial-outcome')?.payload as {
        error?: string;
        fallback?: unknown;
      };
      expect(outcome.error).toMatch(/^(library gone|no answer within 100 ms)$/);
      expect(outcome.fallback).toEqual({ phoneNumber: '5551234', success: true });
    }
  });

  it('dials the original number when no rule chose one, or the daemon does not answer', async () => {
    for (const reply of [
      { ok: true, decision: 'dial-original' },
      'no-ack',
      { ok: true, decision: 'handled' },
    ]) {
      const { f, dials, emitted } = forwarder(reply, ok);
      await f.beforeDial(dialEvent);
      expect(dials).toEqual([{ channelId: undefined, phoneNumber: '5551234' }]);
      expect(emitted.filter((e) => e.name === 'bridge:dial-outcome')).toEqual([]);
    }
  });
});

describe('EventForwarder: an event is forgotten only once the daemon recorded it', () => {
  /** A forwarder whose socket answers each `cil:event` with the next of `replies`. */
  function withReplies(replies: unknown[]) {
    const sent: unknown[] = [];
    const socket: SocketLike = {
      connected: true,
      active: true,
      auth: {},
      on: () => socket,
      emit: () => socket,
      timeout: () => ({
        emitWithAck: async (_name: string, message: unknown) => {
          sent.push(message);
          return replies.shift();
        },
      }),
      connect: () => socket,
      disconnect: () => socket,
    };
    const outbox = new EventOutbox(10, 60_000);
    const f = new EventForwarder({
      outbox,
      ackTimeoutMs: 1000,
      retryMs: 60_000,
      now: () => Date.now(),
      newId: () => 'msg-7',
      dial: ok,
      claims: { held: 0, claim: async () => () => undefined },
      changed: () => undefined,
    });
    f.attach(socket);
    // Raised before the tab knows it is the primary one: kept, and sent only by the test's `pump`.
    const raise = (data: unknown) => {
      f.raise('workitemCreate', data);
      f.setRole('primary');
    };
    return { f, outbox, sent, raise };
  }

  it('keeps an event the daemon could not record (`retry`), and sends it again with the same id', async () => {
    const { f, outbox, sent, raise } = withReplies([
      { ok: false, retry: true, error: 'the daemon could not record the event; sent again later' },
      { ok: true },
    ]);
    raise({ id: 'wi-1' });
    await f.pump();
    expect(outbox.size).toBe(1);
    expect(f.delivered).toBe(0);
    await f.pump();
    expect(outbox.size).toBe(0);
    expect(f.delivered).toBe(1);
    expect(sent.map((m) => (m as { id: string }).id)).toEqual(['msg-7', 'msg-7']);
  });

  it('forgets an event the daemon refused for good (no `retry`)', async () => {
    const { f, outbox, raise } = withReplies([{ ok: false, error: 'invalid event' }]);
    raise({ id: 'wi-2' });
    await f.pump();
    expect(outbox.size).toBe(0);
  });
});
