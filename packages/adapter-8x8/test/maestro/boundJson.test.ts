import { valueTooDeep } from '@switchboard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundJson, type JsonBounds } from '../../src/bridge/boundJson.js';
import { maestroEvent } from '../../src/testing/maestroSamples.js';
import { bridgeLimits } from '../../src/transport/maestro/bridgeProtocol.js';

const envelopeBounds: JsonBounds = {
  maxChars: bridgeLimits.maxEnvelopeChars,
  maxStringChars: bridgeLimits.maxStringChars,
  maxDepth: bridgeLimits.maxDepth,
};
/** The longest string in a JSON value (keys included), found without recursion. */
function longestString(value: unknown): number {
  let longest = 0;
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') longest = Math.max(longest, v.length);
    else if (v !== null && typeof v === 'object')
      for (const [k, child] of Object.entries(v)) stack.push(k, child);
  }
  return longest;
}
const jsonLength = (value: unknown): number => JSON.stringify(value).length;
const utf8Bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('boundJson', () => {
  it('keeps a value that fits as it is', () => {
    const event = maestroEvent({ eventName: 'offered', eventId: 'ev-1', searchContext: '+12015550123' });
    expect(boundJson(event, envelopeBounds)).toEqual({ value: event, cuts: 0 });
  });

  it('cuts a 1.5 MB transcript with a marker and keeps every other field of the event', () => {
    const transcript = 'Customer: hello\n'.repeat(100_000);
    const event = maestroEvent({
      eventName: 'terminated',
      eventId: 'ev-chat',
      searchContext: '+12015550123',
      media: 'chat-nextgen',
      extra: { mediaType: 'whatsapp', transcript, additionalData: { disposition_code: 'Sale', notes: 'ok' } },
    });
    const { value, cuts } = boundJson(event, envelopeBounds);
    const data = (value as { data: Record<string, unknown> }).data;
    expect(cuts).toBe(1);
    expect(data.transcript).toMatch(/^(Customer: hello\n)+.*…\[truncated: 1600000 chars\]$/s);
    expect(String(data.transcript).length).toBeLessThan(bridgeLimits.maxStringChars + 40);
    const { transcript: _t, ...rest } = data;
    const { transcript: _o, ...original } = (event as { data: Record<string, unknown> }).data;
    expect(rest).toEqual(original);
    expect(jsonLength(value)).toBeLessThanOrEqual(bridgeLimits.maxEnvelopeChars);
  });

  it('leaves out what does not fit, breadth first, and says how much', () => {
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`field${i}`, 'x'.repeat(100)]));
    const { value, cuts } = boundJson(
      { eventName: 'offered', many },
      { ...envelopeBounds, maxChars: 10_000 },
    );
    const kept = (value as { eventName: string; many: Record<string, string> }).many;
    expect((value as { eventName: string }).eventName).toBe('offered');
    const left = Number(/^(\d+) more field\(s\)$/.exec(kept['[truncated]'] ?? '')?.[1]);
    expect(Object.keys(kept).length - 1 + left).toBe(5000);
    expect(cuts).toBe(left);
    expect(jsonLength(value)).toBeLessThanOrEqual(10_000);
  });

  it('replaces nesting deeper than the limit by a marker, without recursing', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const { value, cuts } = boundJson({ deep }, { ...envelopeBounds, maxDepth: 4 });
    expect(value).toEqual({ deep: [[['[truncated: nested too deep]']]] });
    expect(cuts).toBe(1);
  });

  it('writes binary data, functions and non-finite numbers the way JSON would (binary as a marker)', () => {
    const { value } = boundJson(
      { bytes: new Uint8Array(4), date: new Date(0), f: () => 1, n: Number.NaN, list: [undefined, 1] },
      envelopeBounds,
    );
    expect(value).toEqual({
      bytes: '[truncated: binary data]',
      date: '1970-01-01T00:00:00.000Z',
      n: null,
      list: [null, 1],
    });
  });

  it('keeps a `__proto__` key as a field (JSON.parse makes it one)', () => {
    const input = JSON.parse('{"__proto__":{"x":1},"a":"b"}') as unknown;
    const { value, cuts } = boundJson(input, { maxChars: 2000, maxStringChars: 300, maxDepth: 6 });
    expect(cuts).toBe(0);
    expect(JSON.stringify(value)).toBe('{"__proto__":{"x":1},"a":"b"}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('stays within its bounds (and within 1 MB as UTF-8) for any JSON value', () => {
    const bounds = { maxChars: 2000, maxStringChars: 300, maxDepth: 6 };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), fc.string({ unit: 'binary', maxLength: 3000 }), (v, s) => {
        for (const input of [v, { v, s }, [s, v, s]]) {
          const { value, cuts } = boundJson(input, bounds);
          const length = jsonLength(value);
          expect(length).toBeLessThanOrEqual(bounds.maxChars);
          // Nothing cut: the same JSON. Something cut: only because it did not fit.
          if (cuts === 0) expect(JSON.stringify(value)).toBe(JSON.stringify(input));
          else
            expect(
              length > 0 &&
                (jsonLength(input) > bounds.maxChars ||
                  longestString(input) > bounds.maxStringChars ||
                  valueTooDeep(input, bounds.maxDepth)),
            ).toBe(true);
        }
      }),
      { numRuns: 500, seed: 20261201 },
    );
    const worst = boundJson({ text: '€'.repeat(2_000_000) }, envelopeBounds);
    expect(utf8Bytes(worst.value)).toBeLessThan(1_000_000);
  });
});
