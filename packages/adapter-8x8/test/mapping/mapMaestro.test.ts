import { describe, expect, test } from 'vitest';
import { MaestroCallTracker } from '../../src/maestro/MaestroCallTracker.js';
import { durationSeconds, mapMaestroEnvelope } from '../../src/mapping/mapMaestroEnvelope.js';
import { mapInvalidEnvelope, mapMaestroFailure } from '../../src/mapping/mapMaestroErrors.js';
import { maestroEvent, maestroInvalidSchema } from '../../src/testing/maestroSamples.js';

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
      ['maestro:e0', 'call.offered', '8x8.offered', 'maestro:agent-a:e0'],
      ['maestro:e1', 'call.answered', '8x8.accepted', 'maestro:agent-a:e0'],
      ['maestro:e2', 'call.wrapup', '8x8.completed', 'maestro:agent-a:e0'],
      ['maestro:e3', 'call.ended', '8x8.terminated', 'maestro:agent-a:e0'],
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
});
