import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { bodyId, compileMapping, defaultMapping, MappingError, mapBody } from '../src/index.js';
import { pbxMapping } from './fixtures/pbxMapping.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./fixtures/bodies/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

const pbx = compileMapping(pbxMapping);
const plain = compileMapping(defaultMapping);

describe('a declarative mapping', () => {
  test('maps a recorded PBX body onto a normalized event', () => {
    const body = fixture('pbx-ringing.json');
    expect(mapBody(body, pbx)).toEqual({
      id: 'evt-1001',
      type: 'call.offered',
      vendorEvent: 'webhook.ringing',
      time: '2026-03-02T08:15:00.000Z',
      call: { id: 'c-77', caller: '3228887766', queue: 'Sales', direction: 'inbound', ringSeconds: 12 },
      agent: { id: 'andrea.bianco' },
      // `order` by name; `priority` and `tags` because no path reads them
      vars: { order: 'A&B/42 #7', priority: 2, tags: ['vip'] },
      raw: body,
    });
  });

  test('an event name outside the map becomes the default type, matchable as webhook.<name>', () => {
    const event = mapBody({ event: 'transfer', eventId: 'e2', call: { uuid: 'c-1' } }, pbx);
    expect(event).toMatchObject({
      type: 'vendor.event',
      vendorEvent: 'webhook.transfer',
      call: { id: 'c-1' },
    });
  });

  test.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])(
    'an event name `%s` (an Object member) is not found in the map: the default type, as webhook.<name>',
    (name) => {
      const body = JSON.parse(JSON.stringify({ event: name, eventId: `e-${name}`, call: { uuid: 'c-1' } }));
      expect(mapBody(body, pbx)).toMatchObject({ type: 'vendor.event', vendorEvent: `webhook.${name}` });
      const plainBody = JSON.parse(JSON.stringify({ type: name, id: `p-${name}` }));
      expect(mapBody(plainBody, plain)).toMatchObject({
        type: 'vendor.event',
        vendorEvent: `webhook.${name}`,
      });
    },
  );

  test('an event name already a normalized type passes, with no vendor name', () => {
    const event = mapBody({ event: 'call.held', eventId: 'e3' }, pbx);
    expect(event.type).toBe('call.held');
    expect(event.vendorEvent).toBeUndefined();
  });

  test('without a default, an unknown event name is refused with the path and the value', () => {
    const strict = compileMapping({
      ...pbxMapping,
      type: { from: '$.event', map: { ringing: 'call.offered' } },
    });
    expect(() => mapBody({ event: 'transfer' }, strict)).toThrow(
      new MappingError('type $.event is "transfer": not in the map, not an event type, and no default'),
    );
    expect(() => mapBody({}, strict)).toThrow('type $.event missing');
  });

  test('a fixed type and constant fields', () => {
    const fixed = compileMapping({
      type: 'call.ended',
      call: { id: '$.ref', queue: 'Claims', media: 'chat' },
    });
    expect(mapBody({ ref: 'x1' }, fixed)).toMatchObject({
      type: 'call.ended',
      call: { id: 'x1', queue: 'Claims', media: 'chat' },
      vars: {},
    });
  });

  test('a `{ value }` constant may start with $', () => {
    const m = compileMapping({ type: 'vendor.event', vars: { price: { value: '$5' } } });
    expect(mapBody({}, m).vars).toEqual({ price: '$5' });
  });

  test('no call or agent when their id does not resolve', () => {
    const event = mapBody({ event: 'hangup', eventId: 'e4', call: { from: '1003' } }, pbx);
    expect(event.call).toBeUndefined();
    expect(event.agent).toBeUndefined();
  });

  test('values that do not fit a field are refused, naming the field and its path', () => {
    const bad = (call: unknown) => () =>
      mapBody({ event: 'ringing', call: { uuid: 'c', ...(call as object) } }, pbx);
    expect(bad({ ringTime: 'soon' })).toThrow(
      'call.ringSeconds ($.call.ringTime) is "soon", not a number of seconds',
    );
    expect(bad({ ringTime: -3 })).toThrow('not a number of seconds');
    expect(bad({ from: { number: 1 } })).toThrow(
      'call.caller ($.call.from) is {"number":1}, not a text or number',
    );
    expect(bad({ dir: 'sideways' })).toThrow('not one of inbound, outbound, internal');
    expect(() => mapBody({ event: 'ringing', eventId: { x: 1 } }, pbx)).toThrow('id ($.eventId)');
    expect(() => mapBody({ event: 'ringing', eventId: 'x'.repeat(513) }, pbx)).toThrow('longer than 512');
    expect(() => mapBody({ event: 'ringing', timestamp: 'yesterday' }, pbx)).toThrow('not an ISO 8601 time');
  });

  test('epoch milliseconds are a time too', () => {
    expect(mapBody({ event: 'ringing', timestamp: 1_772_438_400_000 }, pbx).time).toBe(
      '2026-03-02T08:00:00.000Z',
    );
  });

  test('a body must be an object', () => {
    for (const body of [null, 42, 'text', [1]])
      expect(() => mapBody(body, pbx)).toThrow('must be a JSON object');
  });
});

describe('event ids', () => {
  test('a body without an id gets a hash of it: same body, same id, in any key order', () => {
    const a = mapBody({ event: 'ringing', call: { uuid: 'c1', from: '1' } }, pbx);
    const b = mapBody({ call: { from: '1', uuid: 'c1' }, event: 'ringing' }, pbx);
    const c = mapBody({ event: 'ringing', call: { uuid: 'c1', from: '2' } }, pbx);
    expect(a.id).toMatch(/^sha256-[A-Za-z0-9_-]{43}$/);
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(a.id).toBe(bodyId({ event: 'ringing', call: { uuid: 'c1', from: '1' } }));
  });

  test('a numeric id is kept as text', () => {
    expect(mapBody({ event: 'ringing', eventId: 7 }, pbx).id).toBe('7');
  });
});

describe('vars', () => {
  test('a body field named __proto__ stays a plain var and pollutes nothing', () => {
    const body = JSON.parse('{"type":"order-created","__proto__":{"isAdmin":true}}') as unknown;
    const { vars } = mapBody(body, plain);
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
    expect(Object.hasOwn(vars ?? {}, '__proto__')).toBe(true);
    expect((vars as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });

  test('rest: false keeps only the named vars; varsFrom merges an object', () => {
    const m = compileMapping({
      type: 'vendor.event',
      varsFrom: '$.data',
      vars: { who: '$.user' },
      rest: false,
    });
    expect(mapBody({ data: { a: 1, who: 'overridden' }, user: 'u1', noise: true }, m).vars).toEqual({
      a: 1,
      who: 'u1',
    });
    expect(() => mapBody({ data: 'x' }, m)).toThrow('varsFrom ($.data) is "x", not an object');
  });
});

describe('the default mapping', () => {
  test('takes a body that already speaks Switchboard', () => {
    const body = {
      type: 'call.answered',
      id: 'crm-1',
      time: '2026-03-02T09:00:00Z',
      call: { id: 'c-5', queue: 'Sales', talkSeconds: 3 },
      agent: { id: 'a-1', name: 'Andrea' },
      vars: { ordernumber: '42' },
      channel: 'web',
    };
    expect(mapBody(body, plain)).toEqual({
      id: 'crm-1',
      type: 'call.answered',
      time: '2026-03-02T09:00:00.000Z',
      call: { id: 'c-5', queue: 'Sales', talkSeconds: 3 },
      agent: { id: 'a-1', name: 'Andrea' },
      vars: { ordernumber: '42', channel: 'web' },
      raw: body,
    });
  });

  test('any other type is a vendor event named after it', () => {
    expect(mapBody({ type: 'order-created', order: 'A-1' }, plain)).toMatchObject({
      type: 'vendor.event',
      vendorEvent: 'webhook.order-created',
      vars: { order: 'A-1' },
    });
    expect(mapBody({ order: 'A-1' }, plain)).not.toHaveProperty('vendorEvent');
  });
});
