import { describe, expect, test } from 'vitest';
import { compileMapping, defaultMapping, mapBodies, mapVendorEvent } from '../src/index.js';
import { pbxMapping } from './fixtures/pbxMapping.js';

const plain = compileMapping(defaultMapping);
const context = { source: 'hooks', now: new Date('2026-03-02T10:00:00Z'), maxBatch: 3 };

describe('request bodies', () => {
  test('one object or an array of objects, in order', () => {
    expect(mapBodies({ type: 'call.offered', id: 'a' }, plain, context).map((e) => e.id)).toEqual(['a']);
    const batch = [1, 2, 3].map((n) => ({ type: 'call.offered', id: `e${n}` }));
    expect(mapBodies(batch, plain, context).map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(mapBodies([], plain, context)).toEqual([]);
  });

  test('all or nothing: a bad item refuses the request, naming the item', () => {
    const batch = [
      { type: 'call.offered', id: 'ok' },
      { type: 'call.offered', call: { id: 'c', direction: 'up' } },
    ];
    expect(() => mapBodies(batch, plain, context)).toThrow(
      expect.objectContaining({
        code: 'WEBHOOK_INVALID_BODY',
        message: expect.stringContaining('item 1: call.direction ($.call.direction) is "up"'),
      }),
    );
  });

  test('a batch larger than maxBatch is refused', () => {
    expect(() => mapBodies([{}, {}, {}, {}], plain, context)).toThrow('at most 3 objects, got 4');
  });

  test("each event is checked against core's event schema", () => {
    expect(() =>
      mapBodies({ type: 'call.offered', call: { id: '', queue: 'x' } }, plain, context),
    ).not.toThrow();
    expect(() => mapBodies({ type: 'call.offered', vars: [] }, plain, context)).toThrow('not an object');
    expect(() => mapBodies({ type: 'vendor.event', time: '2026-13-45' }, plain, context)).toThrow('time');
  });
});

describe('mapVendorEvent (rules-runner replay and test)', () => {
  test('maps with the default mapping when core gives no options', () => {
    const events = mapVendorEvent([{ type: 'order-created', order: 'A-1' }], {
      source: 'crm',
      now: new Date(),
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'vendor.event',
        vendorEvent: 'webhook.order-created',
        vars: { order: 'A-1' },
      }),
    ]);
  });

  test("maps with the instance's own mapping when core passes its options", () => {
    const ctx = { source: 'hooks', now: new Date(), options: { mapping: pbxMapping } };
    const [event] = mapVendorEvent({ event: 'answered', eventId: 'e9', call: { uuid: 'c-1' } }, ctx);
    expect(event).toMatchObject({
      id: 'e9',
      type: 'call.answered',
      vendorEvent: 'webhook.answered',
      call: { id: 'c-1' },
    });
  });

  test('a body that does not fit throws a clear error', () => {
    expect(() => mapVendorEvent('ringing', { source: 'crm', now: new Date() })).toThrow(
      'a body must be a JSON object, got "ringing"',
    );
  });
});
