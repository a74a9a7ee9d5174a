import { describe, expect, test } from 'vitest';
import { type IndexableRule, RuleIndex } from './RuleIndex.js';

const onQueue = (order: number, queue: unknown, on: string[] = ['call.answered']) => ({
  order,
  on,
  condition: { '==': [{ var: 'call.queue' }, queue] },
});

describe('RuleIndex', () => {
  test('loose equality: arrays, numeric strings, booleans and null', () => {
    const rules = [
      onQueue(0, 'Sales'),
      onQueue(1, '5'),
      onQueue(2, 5),
      onQueue(3, true),
      onQueue(4, ''),
      onQueue(5, null),
    ];
    const index = new RuleIndex(rules);
    const match = (queue: unknown) => index.match(['call.answered'], { call: { queue } }).map((r) => r.order);
    expect(match('Sales')).toEqual([0]);
    expect(match(['Sales'])).toEqual([0]);
    expect(match(5)).toEqual([1, 2]);
    expect(match(' 5 ')).toEqual([2]);
    expect(match('1')).toEqual([3]);
    expect(match(true)).toEqual([3]);
    expect(match(0)).toEqual([4]);
    expect(match(false)).toEqual([4]);
    expect(match(null)).toEqual([5]);
    expect(index.match(['call.answered'], { call: {} }).map((r) => r.order)).toEqual([5]);
    expect(index.match(['call.answered'], undefined).map((r) => r.order)).toEqual([5]);
  });

  test('several event keys, several on keys, unindexed and unconditional rules, sorted without duplicates', () => {
    const rules = [
      {
        order: 3,
        on: ['xcally.up', 'call.answered'],
        condition: { '===': [{ var: 'call.queue' }, 'Sales'] },
      },
      { order: 1, on: ['call.answered', 'call.answered'] },
      { order: 2, on: ['xcally.up'], condition: { '!=': [{ var: 'call.queue' }, 'Support'] } },
      { order: 0, on: ['call.ended'] },
    ];
    const index = new RuleIndex(rules);
    const data = { call: { queue: 'Sales' } };
    expect(index.match(['call.answered', 'xcally.up', 'xcally.up'], data).map((r) => r.order)).toEqual([
      1, 2, 3,
    ]);
    expect(index.match(['call.answered'], { call: { queue: 'Support' } }).map((r) => r.order)).toEqual([1]);
    expect(index.match([], data)).toEqual([]);
  });

  test('duplicate orders are refused', () => {
    expect(() => new RuleIndex([onQueue(0, 'a'), onQueue(0, 'b')])).toThrow(/not unique/);
  });

  test('invalid conditions are refused at construction', () => {
    expect(() => new RuleIndex([{ order: 0, on: ['x'], condition: { '=': [1, 1] } }])).toThrow(
      /did you mean `==`/,
    );
  });

  test('10,000 rules over 100 queues: an event only gets its bucket plus unindexed rules', () => {
    const rules: IndexableRule[] = Array.from({ length: 10_000 }, (_, order) =>
      onQueue(order, `queue-${order % 100}`),
    );
    rules.push({ order: 10_000, on: ['call.answered'], condition: { '>': [{ var: 'call.wait' }, 30] } });
    const index = new RuleIndex(rules);
    const data = { call: { queue: 'queue-42', wait: 10 } };
    const candidates = index.candidates(['call.answered'], data);
    expect(candidates).toHaveLength(101);
    expect(index.match(['call.answered'], data)).toHaveLength(100);
    expect(index.candidates(['call.answered'], { call: { queue: ['queue-42'] } })).toHaveLength(10_001);
  });
});
