import { describe, expect, test } from 'vitest';
import { explainCondition } from './explainCondition.js';

describe('explainCondition', () => {
  test('gives the value of the condition and of each sub-expression', () => {
    const logic = {
      and: [{ '==': [{ var: 'call.queue' }, 'Sales'] }, { '>': [{ var: 'call.holdSeconds' }, 60] }],
    };
    const tree = explainCondition(logic, { call: { queue: 'Sales', holdSeconds: 12 } });
    expect(tree.value).toBe(false);
    expect(tree.children.map((c) => [c.expression, c.value])).toEqual([
      [{ '==': [{ var: 'call.queue' }, 'Sales'] }, true],
      [{ '>': [{ var: 'call.holdSeconds' }, 60] }, false],
    ]);
    expect(tree.children[0]?.children.map((c) => c.value)).toEqual(['Sales']);
    expect(tree.children[1]?.children.map((c) => c.value)).toEqual([12]);
  });

  test('iterating operators explain their array argument only', () => {
    const tree = explainCondition(
      { some: [{ var: 'tags' }, { '==': [{ var: '' }, 'vip'] }] },
      { tags: ['a', 'vip'] },
    );
    expect(tree.value).toBe(true);
    expect(tree.children).toHaveLength(1);
    expect(tree.children[0]?.value).toEqual(['a', 'vip']);
  });
});
