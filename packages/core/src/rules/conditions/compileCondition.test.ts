import jsonLogic from 'json-logic-js';
import { describe, expect, test, vi } from 'vitest';
import { ConditionError } from './ConditionError.js';
import { compileCondition } from './compileCondition.js';

/** Asserts the compiled result, and that json-logic-js returns the same. */
function check(logic: unknown, data: unknown, expected: unknown): void {
  expect(compileCondition(logic)(data)).toEqual(expected);
  expect(jsonLogic.apply(logic as jsonLogic.RulesLogic, data)).toEqual(expected);
}

const data = {
  a: 1,
  s: 'Sales',
  n: '5',
  z: 0,
  e: '',
  nil: null,
  list: [1, 2, 3],
  deep: { x: { y: 'ok' } },
  t: true,
};

describe('compileCondition: equality and comparison', () => {
  test.each([
    [{ '==': [1, '1'] }, true],
    [{ '==': ['', 0] }, true],
    [{ '==': ['1', true] }, true],
    [{ '==': [null, 0] }, false],
    [{ '==': [{ var: 'missing' }, null] }, true],
    [{ '==': [['Sales'], 'Sales'] }, true],
    [{ '===': [1, '1'] }, false],
    [{ '!=': [{ var: 'n' }, 5] }, false],
    [{ '!==': [{ var: 'n' }, 5] }, true],
    [{ '<': [1, 2, 3] }, true],
    [{ '<': [1, 3, 3] }, false],
    [{ '<=': [1, 3, 3] }, true],
    [{ '<=': [{ var: 'z' }, 0, { var: 'a' }] }, true],
    [{ '>': ['10', 9] }, true],
    [{ '>=': ['a', 'b'] }, false],
  ])('%j', (logic, expected) => check(logic, data, expected));
});

describe('compileCondition: var', () => {
  test.each([
    [{ var: 'deep.x.y' }, 'ok'],
    [{ var: ['deep.x.missing', 'fallback'] }, 'fallback'],
    [{ var: ['nil', 'fallback'] }, null], // present null is not replaced by the default
    [{ var: ['nil.x', 'fallback'] }, 'fallback'],
    [{ var: 'list.1' }, 2],
    [{ var: 1 }, null],
    [{ var: '' }, data],
    [{ var: [] }, data],
    [{ var: 's.length' }, 5],
    [{ var: [{ cat: ['deep', '.x'] }] }, { y: 'ok' }],
  ])('%j', (logic, expected) => check(logic, data, expected));

  test('numeric index into an array datum', () => check({ var: 1 }, ['a', 'b'], 'b'));
});

describe('compileCondition: logic operators', () => {
  test.each([
    [{ and: [1, 'x', 0, 'never'] }, 0],
    [{ and: [1, 'last'] }, 'last'],
    [{ and: [{ var: 'list' }, []] }, []],
    [{ or: [0, '', 'first', 'never'] }, 'first'],
    [{ or: [0, false] }, false],
    [{ '!': [[]] }, true],
    [{ '!!': ['0'] }, true],
    [{ '!': { var: 'e' } }, true],
    [{ if: [] }, null],
    [{ if: ['only'] }, 'only'],
    [{ if: [false, 'a'] }, null],
    [{ if: [false, 'a', { var: 'z' }, 'b', 'else'] }, 'else'],
    [{ if: [false, 'a', { var: 'a' }, 'b', 'else'] }, 'b'],
    [{ '?:': [[], 'yes', 'no'] }, 'no'],
  ])('%j', (logic, expected) => check(logic, data, expected));

  test('and/or do not evaluate past the deciding operand', () => {
    check({ and: [false, { missing_some: [1, null] }] }, data, false);
    check({ or: [true, { missing_some: [1, null] }] }, data, true);
  });
});

describe('compileCondition: arithmetic and strings', () => {
  test.each([
    [{ '+': ['3'] }, 3],
    [{ '+': [] }, 0],
    [{ '+': ['1.5x', 2] }, 3.5],
    [{ '*': ['3'] }, '3'], // one argument is returned untouched
    [{ '*': [2, '3'] }, 6],
    [{ '-': ['4'] }, -4],
    [{ '-': [4, '1'] }, 3],
    [{ '/': [1, 0] }, Number.POSITIVE_INFINITY],
    [{ '%': [7, 0] }, Number.NaN],
    [{ min: [3, '1', 2] }, 1],
    [{ max: [1, 'x'] }, Number.NaN],
    [{ cat: ['a', null, 1, [2, 3]] }, 'a12,3'],
    [{ substr: ['jsonlogic', 4] }, 'logic'],
    [{ substr: ['jsonlogic', -5] }, 'logic'],
    [{ substr: ['jsonlogic', 1, 3] }, 'son'],
    [{ substr: ['jsonlogic', 4, -2] }, 'log'],
    [{ substr: ['jsonlogic', -5, -2] }, 'log'],
    [{ in: ['Spring', 'Springfield'] }, true],
    [{ in: ['b', ['a', 'b']] }, true],
    [{ in: [1, ['1']] }, false],
    [{ in: ['x', 5] }, false],
    [{ merge: [1, [2, [3]], []] }, [1, 2, [3]]],
  ])('%j', (logic, expected) => check(logic, data, expected));
});

describe('compileCondition: missing', () => {
  test.each([
    [{ missing: ['a', 'e', 'nil', 'nope'] }, ['e', 'nil', 'nope']],
    [{ missing: [['a', 'nope']] }, ['nope']],
    [{ missing: { merge: ['a', 'nope'] } }, ['nope']],
    [{ missing_some: [1, ['a', 'nope']] }, []],
    [{ missing_some: [2, ['a', 'nope', 'e']] }, ['nope', 'e']],
  ])('%j', (logic, expected) => check(logic, data, expected));
});

describe('compileCondition: scoped operators', () => {
  test.each([
    [{ map: [{ var: 'list' }, { '*': [{ var: '' }, 2] }] }, [2, 4, 6]],
    [{ map: [{ var: 'nope' }, { var: '' }] }, []],
    [{ filter: [{ var: 'list' }, { '>': [{ var: '' }, 1] }] }, [2, 3]],
    [{ filter: [{ var: 'list' }, { var: 'a' }] }, []], // the datum is the element, not the outer data
    [{ reduce: [{ var: 'list' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] }, 16],
    [{ reduce: [{ var: 'list' }, { var: 'current' }] }, 3],
    [{ reduce: ['no array', { var: 'current' }, 'initial'] }, 'initial'],
    [{ all: [[], true] }, false],
    [{ all: [{ var: 'list' }, { '>': [{ var: '' }, 0] }] }, true],
    [{ none: [[], true] }, true],
    [{ none: [{ var: 'list' }, { '>': [{ var: '' }, 2] }] }, false],
    [{ some: [[], true] }, false],
    [{ some: [{ var: 'list' }, { '===': [{ var: '' }, 2] }] }, true],
  ])('%j', (logic, expected) => check(logic, data, expected));
});

describe('compileCondition: literals and data', () => {
  test('an object with several keys is data, returned as is', () => {
    const literal = { a: { var: 'a' }, b: 2 };
    expect(compileCondition(literal)(data)).toBe(literal);
    expect(jsonLogic.apply(literal as never, data)).toBe(literal);
  });

  test('arrays are evaluated element by element, and rebuilt on every call', () => {
    const compiled = compileCondition([1, { var: 'a' }, [{ var: 's' }]]);
    expect(compiled(data)).toEqual([1, 1, ['Sales']]);
    expect(compiled(data)).not.toBe(compiled(data));
  });

  test.each([[1], ['text'], [null], [true], [{}]])('%j is returned as is', (literal) =>
    check(literal, data, literal),
  );

  test('log returns its argument without writing to the console', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(compileCondition({ log: { var: 's' } })(data)).toBe('Sales');
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  test('missing_some re-applies evaluated keys like json-logic-js', () => {
    check({ missing_some: [1, { var: 'keys' }] }, { keys: [{ var: 'k' }], k: 'present', present: 1 }, []);
  });
});

describe('compileCondition: rejected logic', () => {
  test.each([
    [{ and: [{ '==': [1, 1] }, { foo: [1] }] }, 'unknown-operator', ['and', 1, 'foo']],
    [{ method: [{ var: 's' }, 'toUpperCase'] }, 'not-allowed', ['method']],
    [{ '*': [] }, 'bad-arguments', ['*']],
  ])('%j throws a ConditionError', (logic, kind, path) => {
    const error = (() => {
      try {
        compileCondition(logic);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConditionError);
    expect(error).toMatchObject({ kind, path });
  });
});
