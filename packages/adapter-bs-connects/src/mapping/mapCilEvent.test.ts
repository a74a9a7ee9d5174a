import { assertValidEvent } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import type { CilEventName } from '../vendorEvents.js';
import type { CilEventInput } from './CilEventInput.js';
import { mapCilEvent } from './mapCilEvent.js';

const agent = {
  id: '3f1c9f9e-2a47-4c55-9a4d-6a1f0c0b7d21',
  firstName: 'Anna',
  lastName: 'Meier',
  extension: '2001',
};
const input = (name: CilEventName, data: Record<string, unknown>, messageId = 'm-1'): CilEventInput => ({
  name,
  data,
  agent,
  messageId,
  time: '2025-03-04T09:50:00.000Z',
});
const mapped = (i: CilEventInput) => {
  const result = mapCilEvent(i);
  if (!result.ok) throw new Error(result.reason);
  assertValidEvent({ source: 'bs', vars: {}, ...result.event, time: result.event.time ?? '' });
  return result.event;
};

describe('mapCilEvent', () => {
  it('maps an incoming workitemCreate to call.offered with caller, CRM contact and call variables', () => {
    const data = fixture('workitemCreate.incoming');
    const event = mapped(input('workitemCreate', data));
    expect(event).toMatchObject({
      id: `${agent.id}:16777345:workitemCreate`,
      type: 'call.offered',
      vendorEvent: 'bs-connects.workitemCreate',
      time: '2025-03-04T09:50:00.000Z',
      call: {
        id: '16777345',
        direction: 'inbound',
        caller: '+41445559876',
        callerName: 'Erika Muster',
        agent: agent.id,
        media: 'voice',
        state: 'Offered',
        queue: 'Sales',
      },
      agent: { id: agent.id, name: 'Anna Meier', extension: '2001' },
      vars: { orderNumber: 'A-42', queue: 'Sales' },
    });
    expect(event.raw).toBe(data);
  });

  it('maps the queue from the call variable named by `queueVariable` (b+s has no queue field of its own)', () => {
    const wxcc = fixture('workitemConnect.wxcc');
    expect(mapped(input('workitemConnect', wxcc)).call?.queue).toBeUndefined();
    const event = mapCilEvent(input('workitemConnect', wxcc), { queueVariable: 'queueName' });
    expect(event.ok && event.event.call).toMatchObject({ queue: 'Support_EN', state: 'Active' });
    expect(event.ok && event.event.vars).toMatchObject({ queueName: 'Support_EN', customerId: 'C-1009' });
    const abandoned = mapped(input('workitemEnd', fixture('workitemEnd.abandoned')));
    expect([abandoned.type, abandoned.call?.queue]).toEqual(['call.abandoned', 'Sales']);
  });

  it('takes no queue from inherited keys, objects or overlong values', () => {
    const wxcc = fixture('workitemConnect.wxcc');
    const queue = (queueVariable: string, ctiData: Record<string, unknown>) => {
      const result = mapCilEvent(input('workitemConnect', { ...wxcc, ctiData }), { queueVariable });
      return result.ok ? result.event.call?.queue : 'unmapped';
    };
    expect(queue('toString', {})).toBeUndefined();
    expect(queue('queue', { queue: { name: 'Sales' } })).toBeUndefined();
    expect(queue('queue', { queue: 'x'.repeat(201) })).toBeUndefined();
    expect(queue('queue', { queue: 42 })).toBe('42');
    expect(queue('constructor', wxcc.ctiData as Record<string, unknown>)).toBe('not a queue');
  });

  it('maps an outgoing workitemCreate to call.outbound with the dialed number as callee', () => {
    const event = mapped(input('workitemCreate', fixture('workitemCreate.outgoing')));
    expect(event.type).toBe('call.outbound');
    expect(event.call).toMatchObject({ id: '16777400', direction: 'outbound', callee: '+15550100' });
    expect(event.call?.caller).toBeUndefined();
  });

  it.each([
    ['workitemConnect', 'call.answered'],
    ['workitemPause', 'call.held'],
    ['workitemResume', 'call.resumed'],
    ['workitemWrapup', 'call.wrapup'],
    ['workitemEnd', 'call.ended'],
  ] as const)('maps %s to %s', (name, type) => {
    expect(mapped(input(name, { ...fixture('workitemCreate.incoming'), event: name })).type).toBe(type);
  });

  it('maps a workitemEnd in state EndedAbandoned to call.abandoned', () => {
    expect(mapped(input('workitemEnd', fixture('workitemEnd.abandoned'))).type).toBe('call.abandoned');
  });

  it('keys workitemCreate by agent, workitem and event: call recovery is the same event', () => {
    const data = fixture('workitemCreate.incoming');
    const first = mapped(input('workitemCreate', data, 'm-1'));
    const recovered = mapped(input('workitemCreate', { ...data, state: 'Active' }, 'm-99'));
    expect(recovered.id).toBe(first.id);
  });

  it('keys hold and resume by message: a second hold in the same call is a new event', () => {
    const data = { ...fixture('workitemCreate.incoming'), event: 'workitemPause' };
    expect(mapped(input('workitemPause', data, 'm-1')).id).not.toBe(
      mapped(input('workitemPause', data, 'm-2')).id,
    );
  });

  it('maps agentStateChange to agent.state with the new state and reason', () => {
    const event = mapped(input('agentStateChange', fixture('agentStateChange')));
    expect(event).toMatchObject({
      type: 'agent.state',
      agent: { id: agent.id, state: 'NotReady', reason: 'After call work' },
      vars: { reasonCode: '13', oldState: 'Wrapup', oldReasonCode: '-1', channelId: 'voice_5000' },
    });
  });

  it('maps beforeDial to dial.requested with the dialed number', () => {
    const event = mapped(input('beforeDial', fixture('beforeDial')));
    expect(event).toMatchObject({
      type: 'dial.requested',
      vars: { dialedNumber: '0445551234', callType: 'Outbound' },
    });
    expect(event.call).toBeUndefined();
  });

  it('maps error to adapter.error with the message', () => {
    const event = mapped(input('error', fixture('error')));
    expect(event).toMatchObject({
      type: 'adapter.error',
      vars: { message: 'Invalid reason code', requestId: 'swb-17' },
    });
  });

  it('refuses events it cannot map, with a reason', () => {
    expect(mapCilEvent(input('workitemConnect', { state: 'Active' }))).toEqual({
      ok: false,
      reason: 'workitemConnect has no workitem `id`',
    });
    expect(mapCilEvent(input('beforeDial', {}))).toMatchObject({ ok: false });
    expect(mapCilEvent(input('agentStateChange', {}))).toMatchObject({ ok: false });
    expect(mapCilEvent(input('workitemCreate', { id: 'x'.repeat(201) }))).toMatchObject({ ok: false });
  });
});
