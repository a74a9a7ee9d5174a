import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, test } from 'vitest';
import { compileNode } from './compileNode.js';
import { compileConditionProgram, runConditionProgram } from './conditionProgram.js';

// Conditions as rules write them (var, literals, comparisons, !, !!, and, or, other two-argument
// operators), mixed with operators the program hands to the closure compiler (`if`, `cat`, `in`, `missing`).
const key = fc.constantFrom('queue', 'hold', 'tags', '0');
const scalar = fc.oneof(
  fc.constantFrom('', '0', '1', '7', ' 7 ', 'Sales', 'sales', 'true', 'null', '1e1'),
  fc.integer({ min: -2, max: 12 }),
  fc.constantFrom(0, -0, 1.5, Number.NaN),
  fc.boolean(),
  fc.constant(null),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'data' },
    scalar,
    fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'data' }),
    fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true, depthIdentifier: 'data' }),
  ),
}));
const data = fc.oneof(
  fc.record({ call: fc.dictionary(key, value, { maxKeys: 4, noNullPrototype: true }), vars: value }),
  value,
);
const path = fc.oneof(
  fc.constantFrom('call.queue', 'call.hold', 'call.tags.0', 'vars', 'vars.queue', 'call', '', 'no.such'),
  fc.constantFrom(0, null),
);
const literal = fc.oneof(scalar, fc.constantFrom(['Sales', 7], [] as unknown[], { a: 1 }));

const { expr } = fc.letrec<{ expr: unknown }>((tie) => {
  const e = tie('expr');
  const args = (min: number, max: number) =>
    fc.array(e, { minLength: min, maxLength: max, depthIdentifier: 'logic' });
  const op = (names: readonly string[], min: number, max: number) =>
    fc.tuple(fc.constantFrom(...names), args(min, max)).map(([name, values]) => ({ [name]: values }));
  return {
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'logic', depthSize: 'medium' },
      literal,
      path.map((p) => ({ var: p })),
      path.map((p) => ({ var: [p] })),
      fc.tuple(path, literal).map(([p, fallback]) => ({ var: [p, fallback] })),
      fc.tuple(e, e).map(([p, fallback]) => ({ var: [p, fallback] })),
      op(['==', '===', '!=', '!==', '>', '>=', '<', '<=', '%', '/', '-', 'in', 'substr'], 1, 3),
      op(['!', '!!'], 1, 2),
      op(['and', 'or'], 0, 4),
      op(['if', 'cat', 'missing', '+'], 0, 3),
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

function expectSame(actual: Outcome, expected: Outcome): void {
  expect(actual.threw).toBe(expected.threw);
  if (!actual.threw && !expected.threw) {
    expect(actual.value).toEqual(expected.value);
    expect(Object.is(actual.value, -0)).toBe(Object.is(expected.value, -0));
  }
}

describe('the condition program evaluator', () => {
  test('gives what jsonLogic.apply gives (5000 runs, fixed seed)', () => {
    fc.assert(
      fc.property(expr, data, (logic, input) => {
        const program = compileConditionProgram(logic);
        expectSame(
          outcome(() => runConditionProgram(program, input)),
          outcome(() => jsonLogic.apply(logic as jsonLogic.RulesLogic, input)),
        );
      }),
      { numRuns: 5000, seed: 20261201 },
    );
  });

  test('gives what the closure compiler gives (5000 runs, fixed seed)', () => {
    fc.assert(
      fc.property(expr, data, (logic, input) => {
        const program = compileConditionProgram(logic);
        expectSame(
          outcome(() => runConditionProgram(program, input)),
          outcome(() => compileNode(logic).evaluate(input)),
        );
      }),
      { numRuns: 5000, seed: 20261202 },
    );
  });

  test('a typical rule condition is all opcodes and data, no closure', () => {
    const program = compileConditionProgram({
      and: [
        { '==': [{ var: 'call.queue' }, 'Sales'] },
        { or: [{ '>=': [{ var: ['call.holdSeconds', 0] }, 30] }, { '!': { var: 'vars.vip' } }] },
        { '!==': [{ var: 'call.caller' }, null] },
      ],
    });
    expect(program.some((item) => typeof item === 'function')).toBe(false);
    const event = { call: { queue: 'Sales', holdSeconds: 42, caller: '+32' }, vars: {} };
    expect(runConditionProgram(program, event)).toBe(true);
    expect(runConditionProgram(program, { ...event, call: { ...event.call, queue: 'Support' } })).toBe(false);
  });

  test('rules reading the same path share one parsed path', () => {
    const a = compileConditionProgram({ '==': [{ var: 'call.queue' }, 'A'] });
    const b = compileConditionProgram({ '==': [{ var: 'call.queue' }, 'B'] });
    const paths = (program: readonly unknown[]) => program.filter(Array.isArray);
    expect(paths(a)).toHaveLength(1);
    expect(paths(a)[0]).toBe(paths(b)[0]);
  });
});
