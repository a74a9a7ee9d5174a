import { describe, expect, it } from 'vitest';
import { defaultMaxJsonDepth, jsonTextTooDeep, valueTooDeep } from './jsonDepth.js';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonTextTooDeep', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(jsonTextTooDeep(nested(defaultMaxJsonDepth))).toBe(false);
    expect(jsonTextTooDeep(nested(defaultMaxJsonDepth + 1))).toBe(true);
    expect(jsonTextTooDeep('{"a":{"b":{"c":1}}}', 3)).toBe(false);
    expect(jsonTextTooDeep('{"a":{"b":{"c":{}}}}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonTextTooDeep(JSON.stringify({ a: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify({ a: 'x\\"[[[[' }), 1)).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify({ a: 'x\\', b: [[[]]] }), 2)).toBe(true);
  });

  it('scans 100,000 levels without recursion', () => {
    expect(jsonTextTooDeep(nested(100_000))).toBe(true);
  });
});

describe('valueTooDeep', () => {
  it('measures parsed values like the text', () => {
    expect(valueTooDeep(JSON.parse(nested(defaultMaxJsonDepth)))).toBe(false);
    expect(valueTooDeep(JSON.parse(nested(defaultMaxJsonDepth + 1)))).toBe(true);
    expect(valueTooDeep('x')).toBe(false);
    expect(valueTooDeep({ a: 1, b: { c: [1, 2] } }, 3)).toBe(false);
    expect(valueTooDeep({ a: 1, b: { c: [1, { d: 1 }] } }, 3)).toBe(true);
  });

  it('walks 100,000 levels without recursion and survives cycles', () => {
    expect(valueTooDeep(JSON.parse(nested(100_000)))).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(valueTooDeep(cyclic, 10)).toBe(false);
  });

  it('measures a graph that shares sub-objects (2^40 paths) in linear time', () => {
    let shared: unknown = { leaf: 1 };
    for (let i = 0; i < 40; i++) shared = { left: shared, right: shared };
    expect(valueTooDeep(shared, 64)).toBe(false);
    expect(valueTooDeep(shared, 40)).toBe(true);
    expect(valueTooDeep({ wide: Array.from({ length: 200_000 }, () => ({ a: [1] })) }, 4)).toBe(false);
    expect(valueTooDeep({ wide: Array.from({ length: 200_000 }, () => ({ a: [{}] })) }, 4)).toBe(true);
  });

  it('takes limits far above the default without recursing that deep', () => {
    expect(valueTooDeep(JSON.parse(nested(50_000)), 60_000)).toBe(false);
    expect(valueTooDeep(JSON.parse(nested(50_000)), 40_000)).toBe(true);
  });
});
