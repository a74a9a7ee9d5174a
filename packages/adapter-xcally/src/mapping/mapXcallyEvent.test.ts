import { readFileSync } from 'node:fs';
import type { EventInput } from '@switchboard/core';
import { assertValidEvent } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';
import { mapVendorEvent } from './mapVendorEvent.js';
import { type MapResult, mapXcallyEvent } from './mapXcallyEvent.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}.json`, import.meta.url), 'utf8'));

const now = new Date('2026-03-01T10:00:00Z');

function mapped(payload: unknown): EventInput {
  const result = mapXcallyEvent(payload, { now, source: 'xcally' });
  if (!result.ok) throw new Error(result.problem.message);
  assertValidEvent({ ...result.event, source: 'xcally', vars: result.event.vars ?? {} });
  return result.event;
}

function problem(payload: unknown, limits?: { maxPayloadBytes: number; maxStringLength: number }) {
  const result: MapResult = mapXcallyEvent(payload, { now, ...(limits ? { limits } : {}) });
  if (result.ok) throw new Error('expected a rejection');
  return result.problem;
}

describe('mapXcallyEvent: the documented samples', () => {
  it('maps ringing to call.offered with the agent, and keeps the payload in raw', () => {
    const payload = fixture('ringing');
    const event = mapped(payload);
    expect(event).toMatchObject({
      type: 'call.offered',
      vendorEvent: 'xcally.ringing',
      time: '2026-03-01T10:00:00.000Z',
      call: {
        id: '1599601698.94',
        direction: 'inbound',
        queue: 'Support',
        caller: '1003',
        callerName: 'telephone',
        callee: '6000',
        agent: '1000',
        peer: 'SIP/andrea.bianco',
        media: 'voice',
      },
      agent: { id: '1000', name: 'Andrea Bianco', peer: 'SIP/andrea.bianco' },
      vars: {},
    });
    expect(event.raw).toBe(payload);
  });

  it('turns the string timings of up and hangup into numbers of seconds', () => {
    expect(mapped(fixture('up'))).toMatchObject({
      type: 'call.answered',
      call: { holdSeconds: 2, ringSeconds: 0 },
    });
    const hangup = mapped(fixture('hangup'));
    expect(hangup.type).toBe('call.ended');
    expect(hangup.call).toMatchObject({ holdSeconds: 2, ringSeconds: 0, talkSeconds: 2 });
  });

  it('accepts abandon without any agent field, and leaves the unknown direction out', () => {
    const event = mapped(fixture('abandon'));
    expect(event.type).toBe('call.abandoned');
    expect(event.agent).toBeUndefined();
    expect(event.call).toEqual({
      id: '1599601824.96',
      media: 'voice',
      queue: 'Support',
      caller: '1003',
      callerName: 'telephone',
      holdSeconds: 4,
    });
  });

  it('maps outbound with the dialled number as callee', () => {
    expect(mapped(fixture('outbound'))).toMatchObject({
      type: 'call.outbound',
      call: { direction: 'outbound', callee: '3925926421', caller: '123456789', agent: '1800800800' },
    });
  });

  it('accepts the older 2016 sample with fewer fields', () => {
    expect(mapped(fixture('ringing-2016')).call).toMatchObject({ id: '1437069264.914', queue: 'Support' });
  });

  it('passes other event names through as vendor.event, with or without a call id', () => {
    const withCall = mapped({ event: 'transfer', uniqueid: '1.5', queue: 'Sales' });
    expect(withCall).toMatchObject({
      type: 'vendor.event',
      vendorEvent: 'xcally.transfer',
      call: { id: '1.5' },
    });
    const bare = mapped({ event: 'agentpause', agentnum: '1000' });
    expect(bare.type).toBe('vendor.event');
    expect(bare.call).toBeUndefined();
    expect(bare.agent).toEqual({ id: '1000' });
  });
});

describe('mapXcallyEvent: vendor names that are Object properties', () => {
  const objectNames = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

  it.each(objectNames)('passes `%s` through as vendor.event, with or without a call', (name) => {
    // JSON.parse keeps `__proto__` an ordinary key, as a socket.io frame does
    const withCall = mapped(JSON.parse(JSON.stringify({ event: name, uniqueid: '1.7', queue: 'Sales' })));
    expect(withCall).toMatchObject({
      type: 'vendor.event',
      vendorEvent: `xcally.${name}`,
      call: { id: '1.7' },
    });
    const bare = mapped({ event: name, agentnum: '1000' });
    expect(bare).toMatchObject({ type: 'vendor.event', vendorEvent: `xcally.${name}` });
  });

  it.each(objectNames)('reads flat customvariables of a call whose uniqueid is `%s`', (uniqueid) => {
    const event = mapped({ ...fixture('up'), uniqueid, customvariables: { ordernumber: '7' } });
    expect(event.vars).toEqual({ ordernumber: '7' });
  });
});

describe('mapXcallyEvent: ids are idempotency keys', () => {
  it('gives the same id to the same vendor event delivered twice, at another time', () => {
    const first = mapXcallyEvent(fixture('up'), { now });
    const again = mapXcallyEvent(fixture('up'), { now: new Date('2026-03-01T11:00:00Z') });
    expect(first.ok && again.ok && first.event.id === again.event.id).toBe(true);
  });

  it('tells apart the events of one call, and one event on two agents', () => {
    const ids = new Set(
      [
        fixture('ringing'),
        fixture('up'),
        fixture('hangup'),
        { ...fixture('ringing'), peer: 'SIP/john.doe', agentnum: '1001' },
      ].map((p) => mapped(p).id),
    );
    expect(ids.size).toBe(4);
    expect(mapped({ event: 'x', a: 1 }).id).toBe(mapped({ event: 'x', a: 1 }).id);
    expect(mapped({ event: 'x', a: 1 }).id).not.toBe(mapped({ event: 'x', a: 2 }).id);
  });

  it("gives a re-ring of the same member the first ring's id, as the README says (no field tells rings apart)", () => {
    // The second ring of a call on the same agent after no answer: the documented ringing payload
    // carries nothing that differs per ring (`channel` and `trunk` are the caller's side).
    const firstRing = fixture('ringing');
    const reRing = { ...fixture('ringing') };
    expect(mapped(reRing).id).toBe(mapped(firstRing).id);
    expect(mapped(firstRing).id).toBe('xcally:ringing:1599601698.94:SIP/andrea.bianco');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('### Re-rings of the same agent');
    expect(readme).toContain('`xcally:ringing:<uniqueid>:<peer>`');
  });
});

describe('mapXcallyEvent: custom variables', () => {
  it('puts undocumented payload fields into vars, not the event flag', () => {
    const event = mapped({ ...fixture('up'), queue: 'Sales', ordernumber: 'A-42', crm: { id: 7 } });
    expect(event.vars).toEqual({ ordernumber: 'A-42', crm: { id: 7 } });
  });

  it("reads customvariables keyed by the call, as template.js's customvariables[uniqueid]", () => {
    const event = mapped({
      ...fixture('up'),
      customvariables: { '1599601698.94': { ordernumber: '42' }, '1.1': { ordernumber: 'other call' } },
    });
    expect(event.vars).toEqual({ ordernumber: '42' });
  });

  it('reads a flat customvariables object', () => {
    expect(mapped({ ...fixture('up'), customvariables: { ordernumber: '7', vip: true } }).vars).toEqual({
      ordernumber: '7',
      vip: true,
    });
  });

  it('never lets a payload key reach the prototype', () => {
    const payload = JSON.parse('{"event":"up","uniqueid":"1.2","__proto__":{"polluted":1}}');
    const vars = mapped(payload).vars as Record<string, unknown>;
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('mapXcallyEvent: malformed payloads', () => {
  it('rejects what is not an object', () => {
    for (const payload of ['up', 42, null, undefined, ['up']]) {
      expect(problem(payload).reason).toBe('not-an-object');
    }
  });

  it('rejects a payload without event, or with an event that is no name', () => {
    expect(problem({ uniqueid: '1.1' })).toMatchObject({ reason: 'missing-event', field: 'event' });
    expect(problem({ event: 5, uniqueid: '1.1' }).reason).toBe('invalid-event-name');
    expect(problem({ event: 'up up', uniqueid: '1.1' }).reason).toBe('invalid-event-name');
  });

  it('rejects a call event without uniqueid, or with a number for it', () => {
    expect(problem({ event: 'up', queue: 'Sales' }).reason).toBe('missing-uniqueid');
    expect(problem({ event: 'up', uniqueid: 1599601698.9 })).toMatchObject({
      reason: 'invalid-field',
      field: 'uniqueid',
      message: '`uniqueid` must be a string of at most 128 characters, got a number',
    });
  });

  it('rejects huge strings and huge payloads, naming the field but not echoing it', () => {
    const huge = 'x'.repeat(5000);
    const p = problem({ event: 'up', uniqueid: '1.1', callername: huge });
    expect(p).toMatchObject({ reason: 'string-too-long', field: 'callername' });
    expect(p.message).not.toContain('xxxx');
    expect(
      problem({ event: 'up', uniqueid: '1.1', note: huge }, { maxPayloadBytes: 1000, maxStringLength: 9000 }),
    ).toMatchObject({ reason: 'payload-too-large' });
  });

  it('converts numbers in text fields and reports them; rejects objects there', () => {
    const result = mapXcallyEvent({ event: 'up', uniqueid: '1.1', agentnum: 1000, queue: 'Sales' }, { now });
    expect(result.ok && result.event.agent).toEqual({ id: '1000' });
    expect(result.ok && result.converted).toEqual(['agentnum']);
    expect(problem({ event: 'up', uniqueid: '1.1', queue: { name: 'Sales' } })).toMatchObject({
      reason: 'invalid-field',
      field: 'queue',
    });
  });

  it('leaves out timings that are not numbers of seconds', () => {
    const event = mapped({ event: 'up', uniqueid: '1.1', holdtime: 'abc', ringtime: '-3', talktime: 5 });
    expect(event.call).toEqual({ id: '1.1', media: 'voice', talkSeconds: 5 });
  });
});

describe('mapVendorEvent (the manifest mapping for replay and rule tests)', () => {
  it('returns one event with the source', () => {
    const events = mapVendorEvent(fixture('up'), { source: 'pbx', now });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'pbx', type: 'call.answered' });
  });

  it('throws the reason for a malformed payload', () => {
    expect(() => mapVendorEvent({ queue: 'Sales' }, { source: 'pbx', now })).toThrow(
      'xCALLY payload rejected (missing-event): payload has no `event` name',
    );
  });
});
