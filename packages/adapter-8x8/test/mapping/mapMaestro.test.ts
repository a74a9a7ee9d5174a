import { describe, expect, test } from 'vitest';
import { durationSeconds, maestroEventId, mapMaestroEnvelope } from '../../src/mapping/mapMaestroEnvelope.js';
import { mapInvalidEnvelope, mapMaestroFailure } from '../../src/mapping/mapMaestroErrors.js';
import {
  type MaestroEventSample,
  maestroEvent,
  maestroInvalidSchema,
} from '../../src/testing/maestroSamples.js';
import { MaestroCallTracker } from '../../src/transport/maestro/MaestroCallTracker.js';
import { issuesOf, safeText } from '../../src/transport/maestro/sanitizeBridgeInput.js';

const context = { source: 'cc', now: new Date('2026-01-01T00:00:00Z'), agentId: 'agent-a' };

describe('Maestro mapping', () => {
  test('offered / accepted / completed / terminated of one inbound call', () => {
    const tracker = new MaestroCallTracker();
    const names = ['offered', 'accepted', 'completed', 'terminated'] as const;
    const events = names.map((eventName, i) => {
      const envelope = maestroEvent({ eventName, eventId: `e${i}`, searchContext: '+14155550123' });
      const callId = tracker.callId('agent-a', envelope.data as Record<string, unknown>);
      return mapMaestroEnvelope(envelope, { ...context, callId });
    });
    expect(events.map((e) => [e?.id, e?.type, e?.vendorEvent, e?.call?.id])).toEqual([
      ['maestro:agent-a:offered:e0', 'call.offered', '8x8.offered', 'maestro:agent-a:e0'],
      ['maestro:agent-a:accepted:e1', 'call.answered', '8x8.accepted', 'maestro:agent-a:e0'],
      ['maestro:agent-a:completed:e2', 'call.wrapup', '8x8.completed', 'maestro:agent-a:e0'],
      ['maestro:agent-a:terminated:e3', 'call.ended', '8x8.terminated', 'maestro:agent-a:e0'],
    ]);
    expect(events[0]).toMatchObject({
      call: { direction: 'inbound', caller: '+14155550123', agent: 'agent-a', media: 'voice' },
      agent: { id: 'agent-a' },
      vars: { eventId: 'e0', direction: 'inbound', searchContext: '+14155550123' },
    });
    expect(events[3]?.call?.talkSeconds).toBe(22);
    const next = maestroEvent({ eventName: 'offered', eventId: 'e9', searchContext: '+14155550123' });
    expect(tracker.callId('agent-a', next.data as Record<string, unknown>)).toBe('maestro:agent-a:e9');
  });

  test('every offered starts a new call, also after an offered that never terminated (a manual search)', () => {
    const tracker = new MaestroCallTracker();
    const id = (eventName: MaestroEventSample['eventName'], eventId: string, agentId = 'agent-a') =>
      tracker.callId(
        agentId,
        maestroEvent({ eventName, eventId, searchContext: '+14155550123' }).data as Record<string, unknown>,
      );
    const search = id('offered', 's1');
    const offered = id('offered', 'o2');
    const accepted = id('accepted', 'a3');
    // The same offered forwarded by the agent's second tab, after the first tab's accepted: same call.
    const copy = id('offered', 'o2');
    const terminated = id('terminated', 't4');
    // A late copy of the terminated from the second tab still belongs to the call.
    const lateCopy = id('terminated', 't4');
    expect(search).toBe('maestro:agent-a:s1');
    expect(offered).toBe('maestro:agent-a:o2');
    expect([accepted, copy, terminated, lateCopy]).toEqual(Array(4).fill(offered));
    expect(id('offered', 'o5')).toBe('maestro:agent-a:o5');
    expect(id('accepted', 'a6', 'agent-b')).toBe('maestro:agent-b:a6');
  });

  test('event ids: one per agent, event and eventId; copies of one message share theirs', () => {
    const ids = (
      [
        ['agent-a', 'offered', 'e1'],
        ['agent-a', 'accepted', 'e1'],
        ['agent-b', 'offered', 'e1'],
        ['agent-a', 'offered', 'e1'],
        ['agent:a', 'offered', 'e1'],
      ] as const
    ).map(([agentId, eventName, eventId]) => {
      const envelope = maestroEvent({ eventName, eventId, searchContext: '+14155550123' });
      return mapMaestroEnvelope(envelope, { ...context, agentId })?.id;
    });
    expect(ids).toEqual([
      'maestro:agent-a:offered:e1',
      'maestro:agent-a:accepted:e1',
      'maestro:agent-b:offered:e1',
      'maestro:agent-a:offered:e1',
      'maestro:agent%3Aa:offered:e1',
    ]);
    expect(maestroEventId(undefined, 'offered', 'e1')).toBe('maestro::offered:e1');
  });

  test('outbound offered is call.outbound with the number as callee; additionalData joins vars', () => {
    const envelope = maestroEvent({
      eventName: 'terminated',
      eventId: 'x',
      direction: 'outbound',
      searchContext: '+3225551234',
      extra: { additionalData: { disposition_code: '1000', notes: 'ok' } },
    });
    const event = mapMaestroEnvelope(envelope, context);
    expect(event).toMatchObject({
      type: 'call.ended',
      call: { id: 'maestro:phone:+3225551234', direction: 'outbound', callee: '+3225551234' },
      vars: { disposition_code: '1000', notes: 'ok', callDuration: '00:00:22' },
    });
    expect(
      mapMaestroEnvelope(
        maestroEvent({ eventName: 'offered', eventId: 'y', direction: 'outbound', searchContext: '1' }),
        context,
      )?.type,
    ).toBe('call.outbound');
  });

  test.each([
    ['00:00:22', 22],
    ['01:02:03', 3723],
    ['4:05', 245],
    ['95', 95],
    ['later', undefined],
  ])('callDuration %j → %j s', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  test('Maestro failed messages and invalid ones become adapter.error with the details', () => {
    const failed = mapMaestroFailure(maestroInvalidSchema(), { ...context, messageId: 'm1' });
    expect(failed).toMatchObject({
      id: 'maestro-error:m1',
      type: 'adapter.error',
      agent: { id: 'agent-a' },
      vars: {
        origin: 'maestro',
        error: 'INVALID_SCHEMA',
        eventName: 'dummyEventName',
        allowedSchemaVersions: ['1.0.0'],
        validSchema: false,
        errorDescription: [{ path: ['eventName'], code: 'invalid_literal' }],
      },
    });
    const invalid = mapInvalidEnvelope(
      { eventType: 'x' },
      'INVALID_SCHEMA',
      [{ path: '/', message: 'bad' }],
      {
        ...context,
        messageId: 'm2',
      },
    );
    expect(invalid).toMatchObject({
      id: 'maestro-invalid:m2',
      type: 'adapter.error',
      vars: {
        origin: 'bridge',
        error: 'INVALID_SCHEMA',
        eventType: 'x',
        errorDescription: [{ path: '/', message: 'bad' }],
      },
    });
  });

  test('what a bridge reports is turned into text without throwing, whatever its shape', () => {
    const hostile = { toString: 1 };
    expect(() => String(hostile)).toThrow(TypeError);
    expect(safeText(hostile)).toBe('{"toString":1}');
    expect([safeText('x'), safeText(5), safeText(undefined), safeText(null), safeText([1])]).toEqual([
      'x',
      '5',
      '',
      '',
      '[1]',
    ]);
    expect(safeText(10n)).toBe('[bigint]');
    expect(
      issuesOf({ errors: [{ path: hostile, message: { toString: 1, valueOf: 2 } }, { path: '/a' }] }),
    ).toEqual([
      { path: '{"toString":1}', message: '{"toString":1,"valueOf":2}' },
      { path: '/a', message: '' },
    ]);
  });
});
