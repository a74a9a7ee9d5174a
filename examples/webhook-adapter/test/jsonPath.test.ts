import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseJsonPath, readJsonPath } from '../src/index.js';
import { jsonPathPattern } from '../src/mapping/jsonPath.js';

const parses = (text: string): boolean => {
  try {
    parseJsonPath(text);
    return true;
  } catch {
    return false;
  }
};

describe('the mapping path syntax', () => {
  test('parses fields, indexes and quoted names', () => {
    expect(parseJsonPath('$').segments).toEqual([]);
    expect(parseJsonPath('$.call.queue.name').segments).toEqual(['call', 'queue', 'name']);
    expect(parseJsonPath('$.items[2].id').segments).toEqual(['items', 2, 'id']);
    expect(parseJsonPath('$["odd.key"]["with space"]').segments).toEqual(['odd.key', 'with space']);
  });

  test.each(['call.id', '$..a', '$.a.', '$.a[', '$[x]', '$["a]', '$.a b', '$.a;process.exit()'])(
    'refuses %s with a message naming it',
    (text) => {
      expect(() => parseJsonPath(text)).toThrow(text);
    },
  );

  test("the options schema's pattern accepts exactly what the parser accepts", () => {
    const pattern = new RegExp(jsonPathPattern);
    const text = fc
      .array(fc.constantFrom('$', '.', '[', ']', '"', 'a', 'Z', '0', '7', '_', '-', ' ', '\\'), {
        maxLength: 12,
      })
      .map((chars) => `$${chars.join('')}`);
    fc.assert(
      fc.property(text, (t) => pattern.test(t) === parses(t)),
      { numRuns: 2000, seed: 20261204 },
    );
  });

  test('reads own values only: nothing inherited, no prototype', () => {
    const body = JSON.parse('{"a":{"b":[10,{"c":"x"}]},"__proto__":{"polluted":true}}') as unknown;
    expect(readJsonPath(body, parseJsonPath('$.a.b[1].c'))).toBe('x');
    expect(readJsonPath(body, parseJsonPath('$.a.b.0'))).toBe(10);
    expect(readJsonPath(body, parseJsonPath('$.a.b[5]'))).toBeUndefined();
    expect(readJsonPath(body, parseJsonPath('$.a.constructor'))).toBeUndefined();
    expect(readJsonPath(body, parseJsonPath('$.a.toString'))).toBeUndefined();
    expect(readJsonPath(body, parseJsonPath('$.a.b.length'))).toBeUndefined();
    expect(readJsonPath(body, parseJsonPath('$.__proto__.polluted'))).toBe(true); // the body's own field
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(readJsonPath('text', parseJsonPath('$.length'))).toBeUndefined();
  });
});
