import { describe, expect, it } from 'vitest';
import { map__Vendor__Event, mapVendorEvent } from '../src/index.js';

const now = new Date('2026-01-01T10:00:00.000Z');
const ring = { event: 'ring', callId: 'c-1', caller: '+3228887766', agent: '1001', queue: 'Sales' };

describe('map__Vendor__Event', () => {
  it('maps a ring to call.offered with the call and the agent', () => {
    const result = map__Vendor__Event(ring, { adapter: '__vendor__', now });
    expect(result).toEqual({
      ok: true,
      event: {
        id: '__vendor__:ring:c-1',
        type: 'call.offered',
        vendorEvent: '__vendor__.ring',
        time: '2026-01-01T10:00:00.000Z',
        call: { id: 'c-1', caller: '+3228887766', queue: 'Sales', agent: '1001' },
        agent: { id: '1001' },
        raw: ring,
      },
    });
  });

  it('gives the same frame the same id, so its rules fire once', () => {
    const first = map__Vendor__Event(ring, { adapter: '__vendor__', now });
    const again = map__Vendor__Event({ ...ring }, { adapter: '__vendor__', now: new Date() });
    expect(first.ok && again.ok && first.event.id === again.event.id).toBe(true);
  });

  it('passes an unknown event as vendor.event', () => {
    const result = map__Vendor__Event({ event: 'transfer', callId: 'c-1' }, { adapter: '__vendor__', now });
    expect(result.ok && result.event.type).toBe('vendor.event');
  });

  it.each([
    [[], 'not-an-object'],
    [{ callId: 'c-1' }, 'bad-event'],
    [{ event: 'ring' }, 'no-call-id'],
    [{ event: 'ring', callId: 42 }, 'no-call-id'],
  ])('rejects %j (%s)', (frame, reason) => {
    const result = map__Vendor__Event(frame, { adapter: '__vendor__', now });
    expect(result.ok ? 'mapped' : result.reason).toBe(reason);
  });

  it('throws with the reason in replay and rule tests', () => {
    expect(() => mapVendorEvent({ event: 'ring' }, { source: '__vendor__', now })).toThrow(/no-call-id/);
  });
});
