import { describe, expect, test } from 'vitest';
import { findConditionProblems, supportedOperators } from './findConditionProblems.js';

/** Every unknown-operator message ends with the operators there are. */
const list = ` (operators: ${supportedOperators.join(' ')})`;

describe('findConditionProblems', () => {
  test('valid logic has no problems', () => {
    expect(
      findConditionProblems({
        and: [
          { '==': [{ var: 'call.queue' }, 'Sales'] },
          { some: [{ var: 'tags' }, { in: [{ var: '' }, ['vip']] }] },
        ],
      }),
    ).toEqual([]);
  });

  test('the path leads to the offending operator key', () => {
    expect(findConditionProblems({ and: [{ '==': [1, 1] }, { foo: [1] }] })).toEqual([
      {
        path: ['and', 1, 'foo'],
        kind: 'unknown-operator',
        message: `unknown json-logic operator \`foo\`${list}`,
      },
    ]);
  });

  test('a non-array argument sits directly under its operator', () => {
    expect(findConditionProblems({ '!': { '=': [1, 1] } })[0]?.path).toEqual(['!', '=']);
    expect(findConditionProblems([{ var: 'a' }, { nope: 1 }])[0]?.path).toEqual([1, 'nope']);
  });

  test.each([
    ['=', '=='],
    ['====', '==='],
    ['=<', '<='],
    ['=>', '>='],
    ['AND', 'and'],
    ['mising', 'missing'],
    ['missingSome', 'missing_some'],
    ['substring', 'substr'],
    ['&&', 'and'],
    ['||', 'or'],
    ['eq', '=='],
    ['equals', '=='],
    ['neq', '!='],
    ['gte', '>='],
  ])('`%s` suggests `%s`', (unknown, suggestion) => {
    expect(findConditionProblems({ [unknown]: [1, 2] })).toEqual([
      {
        path: [unknown],
        kind: 'unknown-operator',
        message: `unknown json-logic operator \`${unknown}\`; did you mean \`${suggestion}\`?${list}`,
      },
    ]);
  });

  test('`contains` suggests `in`, with the order of its arguments', () => {
    expect(findConditionProblems({ contains: [{ var: 'call.queue' }, 'Sales'] })[0]?.message).toBe(
      `unknown json-logic operator \`contains\`; did you mean \`in\` (\`{"in": [part, whole]}\`: the part comes first)?${list}`,
    );
  });

  test.each(['x', 'foo.bar', ''])('`%s` gets no suggestion, only the list', (unknown) => {
    expect(findConditionProblems({ [unknown]: [1, 2] })[0]?.message).toBe(
      `unknown json-logic operator \`${unknown}\`${list}`,
    );
  });

  test('method is known but not allowed', () => {
    expect(findConditionProblems({ method: [{ var: 'name' }, 'toUpperCase'] })).toEqual([
      { path: ['method'], kind: 'not-allowed', message: expect.stringContaining('`method` is not allowed') },
    ]);
    expect(supportedOperators).not.toContain('method');
  });

  test('wrong argument counts are bad-arguments', () => {
    expect(
      findConditionProblems({ or: [{ '==': [{ var: 'a' }] }, { '*': [] }, { '<': [1, 2, 3, 4] }] }),
    ).toEqual([
      { path: ['or', 0, '=='], kind: 'bad-arguments', message: '`==` expects 2 arguments, got 1' },
      { path: ['or', 1, '*'], kind: 'bad-arguments', message: '`*` expects at least 1 argument, got 0' },
      { path: ['or', 2, '<'], kind: 'bad-arguments', message: '`<` expects 2 to 3 arguments, got 4' },
    ]);
  });

  test('objects with several keys are data and are not inspected', () => {
    expect(findConditionProblems({ '==': [{ var: 'a' }, { nope: 1, other: 2 }] })).toEqual([]);
  });

  test('problems inside unknown operators and scoped logic are reported too', () => {
    const problems = findConditionProblems({ nope: [{ map: [[1], { '=': [1, 1] }] }] });
    expect(problems.map((p) => p.path)).toEqual([['nope'], ['nope', 0, 'map', 1, '=']]);
  });

  test('supportedOperators lists every json-logic-js built-in but method', () => {
    expect([...supportedOperators].sort()).toEqual(
      [
        '==',
        '===',
        '!=',
        '!==',
        '>',
        '>=',
        '<',
        '<=',
        '!',
        '!!',
        '%',
        'log',
        'in',
        'cat',
        'substr',
        '+',
        '-',
        '*',
        '/',
        'min',
        'max',
        'merge',
        'var',
        'missing',
        'missing_some',
        'if',
        '?:',
        'and',
        'or',
        'map',
        'filter',
        'reduce',
        'all',
        'none',
        'some',
      ].sort(),
    );
  });
});
