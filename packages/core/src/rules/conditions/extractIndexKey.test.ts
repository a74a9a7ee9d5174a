import { describe, expect, test } from 'vitest';
import { extractIndexKey } from './extractIndexKey.js';

const queue = { var: 'call.queue' };

describe('extractIndexKey', () => {
  test.each([
    [{ '==': [queue, 'Sales'] }, { path: 'call.queue', values: ['Sales'], strict: false }],
    [{ '==': ['Sales', queue] }, { path: 'call.queue', values: ['Sales'], strict: false }],
    [{ '===': [{ var: ['call.queue'] }, 5] }, { path: 'call.queue', values: [5], strict: true }],
    [
      { in: [queue, ['Sales', 'Support', 'Sales']] },
      { path: 'call.queue', values: ['Sales', 'Support'], strict: true },
    ],
    [{ '==': [{ var: 0 }, null] }, { path: '0', values: [null], strict: false }],
    [{ '==': [{ var: '' }, 'x'] }, { path: '', values: ['x'], strict: false }],
  ])('%j', (logic, key) => expect(extractIndexKey(logic)).toEqual(key));

  test('finds a necessary conjunct in nested and / !!', () => {
    const logic = {
      and: [
        { '>': [{ var: 'duration' }, 10] },
        { and: [{ '!!': [{ '===': [queue, 'Sales'] }] }, { var: 'vip' }] },
      ],
    };
    expect(extractIndexKey(logic)).toEqual({ path: 'call.queue', values: ['Sales'], strict: true });
  });

  test('a default that matches a literal also indexes the rule under null (missing)', () => {
    expect(extractIndexKey({ '==': [{ var: ['call.queue', 'Sales'] }, 'Sales'] })?.values).toEqual([
      'Sales',
      null,
    ]);
    expect(extractIndexKey({ '==': [{ var: ['call.queue', 5] }, '5'] })?.values).toEqual(['5', null]);
    expect(extractIndexKey({ '===': [{ var: ['call.queue', 5] }, '5'] })?.values).toEqual(['5']);
    expect(extractIndexKey({ in: [{ var: ['call.queue', 'A'] }, ['A', 'B']] })?.values).toEqual([
      'A',
      'B',
      null,
    ]);
  });

  test.each([
    [undefined],
    [true],
    [{ or: [{ '==': [queue, 'Sales'] }, { var: 'x' }] }],
    [{ '!': { '==': [queue, 'Sales'] } }],
    [{ '!=': [queue, 'Sales'] }],
    [{ '==': [queue, ['Sales']] }],
    [{ '==': [queue, { var: 'other' }] }],
    [{ '==': [{ var: [{ cat: ['call', '.queue'] }] }, 'Sales'] }],
    [{ '==': [{ var: ['call.queue', ['x']] }, 'Sales'] }],
    [{ in: [queue, 'Sales Support'] }],
    [{ in: [queue, ['Sales', { var: 'x' }]] }],
    [{ and: [] }],
    [{ '==': [queue, 'Sales'], other: 1 }],
  ])('%j has no index key', (logic) => expect(extractIndexKey(logic)).toBeUndefined());
});
