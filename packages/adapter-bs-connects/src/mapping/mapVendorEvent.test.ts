import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import { mapVendorEvent } from './mapVendorEvent.js';

const context = { source: 'bs', now: new Date('2025-03-04T10:00:00.000Z') };

describe('mapVendorEvent (replay and rule tests)', () => {
  it('maps the library event data as a custom integration logs it', () => {
    const [event] = mapVendorEvent(fixture('workitemCreate.incoming'), context);
    expect(event).toMatchObject({
      id: '3f1c9f9e-2a47-4c55-9a4d-6a1f0c0b7d21:16777345:workitemCreate',
      type: 'call.offered',
      time: '2025-03-04T10:00:00.000Z',
    });
  });

  it('maps a bridge message, with its agent, id and time', () => {
    const payload = {
      id: 'm-7',
      name: 'beforeDial',
      agentId: 'agent-7',
      raisedAt: '2025-03-04T09:00:00.000Z',
      data: fixture('beforeDial'),
    };
    const [event] = mapVendorEvent(payload, context);
    expect(event).toMatchObject({
      id: 'agent-7:beforeDial:m-7',
      type: 'dial.requested',
      time: '2025-03-04T09:00:00.000Z',
    });
  });

  it('tolerates the `workItem…` casing and gives the same payload the same id', () => {
    const data = { ...fixture('workitemCreate.incoming'), event: 'workItemWrapup' };
    const [a] = mapVendorEvent(data, context);
    expect(a?.type).toBe('call.wrapup');
    const pause = { ...fixture('workitemCreate.incoming'), event: 'workitemPause' };
    expect(mapVendorEvent(pause, context)[0]?.id).toBe(mapVendorEvent(pause, context)[0]?.id);
  });

  it("maps the queue from the instance's `queueVariable`, as the daemon does", () => {
    const wxcc = fixture('workitemConnect.wxcc');
    expect(mapVendorEvent(wxcc, context)[0]?.call?.queue).toBeUndefined();
    const options = { queueVariable: 'queueName' };
    expect(mapVendorEvent(wxcc, { ...context, options })[0]?.call?.queue).toBe('Support_EN');
  });

  it('maps anything else to nothing', () => {
    expect(mapVendorEvent('hello', context)).toEqual([]);
    expect(mapVendorEvent({ event: 'onChannelCreate' }, context)).toEqual([]);
    expect(mapVendorEvent({ event: 'workitemCreate' }, context)).toEqual([]);
  });
});
