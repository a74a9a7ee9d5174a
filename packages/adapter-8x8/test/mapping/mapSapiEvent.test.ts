import { describe, expect, test } from 'vitest';
import { EndedInteractions } from '../../src/mapping/EndedInteractions.js';
import { mapSapiEvent } from '../../src/mapping/mapSapiEvent.js';
import { isoFromMillis, isoFromSeconds } from '../../src/mapping/values.js';
import { interactionBody } from '../../src/testing/sapiSamples.js';
import { toSapiEvent } from '../../src/transport/sapi/decodeSapiMessage.js';
import { recordedEvents } from '../support/recordedEvents.js';

const context = { source: 'cc', now: new Date('2026-01-01T00:00:00Z') };

function map(document: unknown, state?: Parameters<typeof mapSapiEvent>[2]) {
  const decoded = toSapiEvent(document);
  if (!decoded.ok) throw new Error(decoded.error);
  const mapped = mapSapiEvent(decoded.event, context, state);
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.events;
}

const interaction = (event: string, callState: string, extra: Record<string, unknown> = {}) =>
  map({
    Interaction: { ...interactionBody({ guid: 'int-1', event, callState, queue: 'Sales' }), ...extra },
  })[0]!;

describe('mapSapiEvent', () => {
  test('the recorded events map to the normalized events', () => {
    const events = recordedEvents().flatMap((e) => {
      const mapped = mapSapiEvent(e, context);
      return mapped.ok ? mapped.events : [];
    });
    expect(events.map((e) => [e.type, e.vendorEvent])).toEqual([
      ['agent.state', '8x8.AgentStatusChange'],
      ['agent.provisioning', '8x8.AgentSkillChanged'],
      ['vendor.event', '8x8.InteractionQueued'],
      ['call.answered', '8x8.InteractionAccepted'],
      ['call.ended', '8x8.InteractionDeleted'],
    ]);
    const [status, prov, queued, , ended] = events;
    expect(status).toMatchObject({
      id: 'sapi:us1tomcat04.us1.whitepj.net-sapi-v1:215:1669235544917',
      time: '2022-11-23T20:32:24.000Z',
      agent: { id: 'ag64oyEUb_Sk6bxVB9P5yaaa', state: '5', reason: '801=1722' },
    });
    expect(prov?.vars).toMatchObject({
      enabled: 'yes',
      changes: { phoneUri: { newValue: '+17034443909', oldValue: 17034443910 } },
    });
    expect(queued).toMatchObject({
      call: {
        id: 'int-184a63564dc-ohWfVIbHJz2Hr2JFhAfdlb4Fa-phone-00-acmecorp01',
        direction: 'inbound',
        queue: 'Sales',
        caller: '+15515557212',
        callerName: 'Zoë Łukasz 日本 <VIP> & {co}',
        callee: '13125555068',
        media: 'voice',
        state: 'CS_QUEUED',
      },
      vars: { '@pri': 100, phoneNum: 5515557212, account: '0123', tenantSkillName: 'Sales' },
    });
    expect(ended).toMatchObject({
      call: { queue: 'Sales', agent: 'agAglVJkg0TU28dok9y9UQKg', talkSeconds: 95, holdSeconds: 14 },
      agent: { id: 'agAglVJkg0TU28dok9y9UQKg' },
      time: '2022-11-23T20:39:05.000Z',
    });
    expect(ended?.raw).toMatchObject({ Interaction: { dispositionCode: 1000, hangupInitiator: 'CUSTOMER' } });
  });

  test.each([
    ['InteractionAssigned', 'CS_QUEUED', {}, 'call.offered'],
    ['InteractionAssigned', 'CS_IDLE', { direction: 'out' }, 'vendor.event'],
    ['InteractionCreated', 'CS_IDLE', { direction: 'out' }, 'call.outbound'],
    ['InteractionCreated', 'CS_QUEUED', {}, 'vendor.event'],
    ['InteractionAccepted', 'CS_CONNECTED', {}, 'call.answered'],
    ['InteractionAccepted', 'CS_INPROGRESS', { direction: 'out' }, 'vendor.event'],
    ['InteractionCustomerAccepted', 'CS_CONNECTED', {}, 'call.answered'],
    ['LineHoldStatus', 'CS_HOLD', { status: true }, 'call.held'],
    ['LineHoldStatus', 'CS_CONNECTED', { status: 'false' }, 'call.resumed'],
    ['InteractionPostProcess', 'CS_DISCONNECTED', {}, 'call.wrapup'],
    ['InteractionDeleted', 'CS_DISCONNECTED', {}, 'call.ended'],
    ['InteractionDeassigned', 'CS_DISCONNECTED', {}, 'vendor.event'],
    ['InteractionEndPostProcess', 'CS_DISCONNECTED', {}, 'vendor.event'],
    ['InteractionRecordingStarted', 'CS_CONNECTED', {}, 'vendor.event'],
  ])('Interaction %s (%s, %j) → %s', (event, state, extra, type) => {
    const mapped = interaction(event, state, extra);
    expect(mapped.type).toBe(type);
    expect(mapped.vendorEvent).toBe(`8x8.${event}`);
  });

  test('an Interaction without `event` passes through as 8x8.Interaction', () => {
    const mapped = map({ Interaction: { interactionGUID: 'int-2', callState: 'CS_DISCONNECTED' } })[0];
    expect(mapped).toMatchObject({
      type: 'vendor.event',
      vendorEvent: '8x8.Interaction',
      call: { id: 'int-2' },
    });
    expect(mapped?.id).toMatch(/^sapi:content:/);
  });

  test('talk time from answer and hang-up times when callDurationSec is absent', () => {
    const mapped = interaction('InteractionDeleted', 'CS_DISCONNECTED', {
      attachedData: {
        attachedDatum: [
          { attachedDataKey: 'callAnsweredTime', attachedDataValue: 1669235850000 },
          { attachedDataKey: 'callHangupTime', attachedDataValue: 1669235911400 },
        ],
      },
    });
    expect(mapped.call?.talkSeconds).toBe(61);
  });

  test('heartbeats give no event; unknown classes pass through; missing ids are refused', () => {
    expect(map({ ClientCheck: { heartbeat: '[HEARTBEAT]' } })).toEqual([]);
    expect(map({ GuestChatEnd: { eventTS: 1669235836 } })[0]).toMatchObject({
      type: 'vendor.event',
      vendorEvent: '8x8.GuestChatEnd',
      time: '2022-11-23T20:37:16.000Z',
    });
    const decoded = toSapiEvent({ Interaction: { event: 'InteractionQueued' } });
    expect(decoded.ok && mapSapiEvent(decoded.event, context)).toEqual({
      ok: false,
      reason: 'Interaction without interactionGUID',
    });
  });

  test('the same event delivered twice gets the same id', () => {
    const [first] = recordedEvents().slice(3);
    const a = mapSapiEvent(first!, context);
    const b = mapSapiEvent(first!, { ...context, now: new Date() });
    expect(a.ok && b.ok && a.events[0]?.id === b.events[0]?.id).toBe(true);
  });

  test("timestamps no Date can hold are ignored: the time falls back to 8x8's publish time, else now", () => {
    expect(isoFromSeconds(9e12)).toBeUndefined();
    expect(isoFromMillis(9e15)).toBeUndefined();
    expect(isoFromMillis(-9e15)).toBeUndefined();
    expect(isoFromSeconds(1669235544)).toBe('2022-11-23T20:32:24.000Z');
    const msgInfo = { instanceId: 'sapi01', sequenceId: 7, timestamp: 1669235544917 };
    const status = map({ AgentStatusChange: { agentId: 'ag1', newState: 5, statusEventTS: 9e12, msgInfo } });
    expect(status[0]?.time).toBe('2022-11-23T20:32:24.917Z');
    const late = { ...msgInfo, timestamp: 9e15 };
    const queued = map({
      Interaction: { interactionGUID: 'int-9', event: 'InteractionQueued', msgInfo: late },
    });
    expect(queued[0]?.time).toBe(context.now.toISOString());
    expect(queued[0]?.id).toBe('sapi:sapi01:7:9000000000000000');
  });

  test('a transferred call ends once: the first leg is call.ended (sapi:<guid>:ended), later legs vendor.event', () => {
    const state = { endedInteractions: new EndedInteractions() };
    const leg = (agentId: string, sequenceId: number) =>
      map(
        {
          Interaction: {
            ...interactionBody({
              guid: 'int-t',
              event: 'InteractionDeleted',
              callState: 'CS_DISCONNECTED',
              agentId,
            }),
            msgInfo: { instanceId: 'sapi01', sequenceId, timestamp: 1669235544917 + sequenceId },
          },
        },
        state,
      )[0]!;
    const [first, second, third] = [leg('ag1', 1), leg('ag2', 2), leg('ag3', 3)];
    expect([first.id, first.type, first.vendorEvent, first.call?.id, first.agent?.id]).toEqual([
      'sapi:int-t:ended',
      'call.ended',
      '8x8.InteractionDeleted',
      'int-t',
      'ag1',
    ]);
    expect([second.id, second.type, second.vendorEvent, second.call?.id, second.agent?.id]).toEqual([
      'sapi:sapi01:2:1669235544919',
      'vendor.event',
      '8x8.InteractionDeleted',
      'int-t',
      'ag2',
    ]);
    expect([third.type, third.agent?.id]).toEqual(['vendor.event', 'ag3']);
    // Without a live subscription's state (rule tests, replay) every leg is call.ended with the same id,
    // which core's de-duplication (by source and id) keeps once.
    expect(interaction('InteractionDeleted', 'CS_DISCONNECTED').id).toBe('sapi:int-1:ended');
    expect(interaction('InteractionDeleted', 'CS_DISCONNECTED').type).toBe('call.ended');
  });

  test('EndedInteractions is bounded: the interaction that ended longest ago is forgotten', () => {
    const ended = new EndedInteractions(2);
    expect([ended.first('a'), ended.first('b'), ended.first('a')]).toEqual([true, true, false]);
    ended.first('c');
    expect([ended.first('a'), ended.first('c')]).toEqual([true, false]);
  });
});
