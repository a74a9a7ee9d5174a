import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, type MockInstance, test, vi } from 'vitest';
import { compileCondition } from './compileCondition.js';
import { truthy } from './jsonLogicTruthy.js';

const runs = 4000;

// --- data: strings, numeric strings, numbers, booleans, null, arrays, nested objects, missing keys ---
const key = fc.constantFrom('a', 'b', 'c', '0', '1');
const scalar = fc.oneof(
  fc.constantFrom('', '0', '1', '5', ' 5 ', 'abc', 'Sales', 'a', 'b', 'a.b', 'true', 'null', '-2'),
  fc.integer({ min: -3, max: 10 }),
  fc.constantFrom(0, -0, 1.5, -1),
  fc.boolean(),
  fc.constant(null),
);
const { value: dataValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'data' },
    scalar,
    fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'data' }),
    fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true, depthIdentifier: 'data' }),
    // data that looks like logic: json-logic-js re-applies keys in `missing` and `missing_some`
    fc.constantFrom({ var: 'a' }, { cat: ['a', '.b'] }, { var: ['zz', 'a'] }),
  ),
}));
const data = fc.oneof(fc.dictionary(key, dataValue, { maxKeys: 5, noNullPrototype: true }), dataValue);

// --- logic: every supported operator with a valid argument count ---
const path = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'c',
    'a.b',
    'a.0',
    'b.1',
    'c.a.b',
    '',
    '0',
    '1',
    'current',
    'accumulator',
    'no.such',
  ),
  fc.constantFrom(0, 1, null),
);
const literal = fc.oneof(scalar, fc.constantFrom({}, { a: 1, b: 2 }, ['a', 'b'], [] as unknown[]));

const { expr } = fc.letrec<{ expr: unknown }>((tie) => {
  const e = tie('expr');
  const args = (min: number, max: number) =>
    fc.array(e, { minLength: min, maxLength: max, depthIdentifier: 'logic' });
  const op = (names: readonly string[], min: number, max: number) =>
    fc.tuple(fc.constantFrom(...names), args(min, max)).map(([name, values]) => ({ [name]: values }));
  const variable = fc.oneof(
    path.map((p) => ({ var: p })),
    path.map((p) => ({ var: [p] })),
    fc.tuple(path, literal).map(([p, fallback]) => ({ var: [p, fallback] })),
    fc.tuple(e, e).map(([p, fallback]) => ({ var: [p, fallback] })),
  );
  return {
    expr: fc.oneof(
      { maxDepth: 5, depthIdentifier: 'logic', depthSize: 'medium' },
      literal,
      variable,
      op(
        [
          '==',
          '===',
          '!=',
          '!==',
          '>',
          '>=',
          '%',
          '/',
          'in',
          'missing_some',
          'map',
          'filter',
          'all',
          'none',
          'some',
        ],
        2,
        2,
      ),
      op(['<', '<=', 'substr', 'reduce'], 2, 3),
      op(['!', '!!', 'log'], 1, 1),
      op(['-'], 1, 2),
      op(['+', 'cat', 'merge', 'missing', 'if', '?:'], 0, 4),
      op(['*', 'min', 'max', 'and', 'or'], 1, 4),
      fc.array(path, { maxLength: 3 }).map((keys) => ({ missing: keys })),
      fc
        .tuple(fc.nat(3), fc.array(path, { maxLength: 3 }))
        .map(([need, keys]) => ({ missing_some: [need, keys] })),
      fc.array(e, { maxLength: 3, depthIdentifier: 'logic' }),
    ),
  };
});

type Outcome = { threw: false; value: unknown } | { threw: true };

function outcome(run: () => unknown): Outcome {
  try {
    return { threw: false, value: run() };
  } catch {
    return { threw: true };
  }
}

describe('compileCondition matches jsonLogic.apply', () => {
  // json-logic-js's `log` writes to the console
  let log: MockInstance<typeof console.log>;
  beforeAll(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => log.mockRestore());

  test(`same value, or both throw (${runs} runs)`, () => {
    fc.assert(
      fc.property(expr, data, (logic, input) => {
        const expected = outcome(() => jsonLogic.apply(logic as jsonLogic.RulesLogic, input));
        const actual = outcome(() => compileCondition(logic)(input));
        expect(actual.threw).toBe(expected.threw);
        if (!actual.threw && !expected.threw) {
          expect(actual.value).toEqual(expected.value);
          expect(Object.is(actual.value, -0)).toBe(Object.is(expected.value, -0));
        }
      }),
      { numRuns: runs, seed: 20240611 },
    );
  });

  test(`same truthiness on random data (${runs} runs)`, () => {
    fc.assert(
      fc.property(dataValue, (value) => truthy(value) === jsonLogic.truthy(value)),
      { numRuns: runs },
    );
  });
});
