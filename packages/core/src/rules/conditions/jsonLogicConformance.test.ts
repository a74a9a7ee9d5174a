import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ConditionError } from './ConditionError.js';
import { compileCondition } from './compileCondition.js';
import { findConditionProblems } from './findConditionProblems.js';
import { truthy } from './jsonLogicTruthy.js';
import { RuleIndex } from './RuleIndex.js';

/**
 * The official JsonLogic test suite (jsonlogic.com/tests.json, MIT; see test/fixtures/jsonlogic/README.md):
 * `[logic, data, expected]` triples under `"# section"` headings.
 */
const suite: unknown[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/jsonlogic/tests.json', import.meta.url), 'utf8'),
);

interface Case {
  readonly name: string;
  readonly logic: unknown;
  readonly data: unknown;
  readonly expected: unknown;
}

const cases: Case[] = [];
let section = '(no section)';
for (const entry of suite) {
  if (typeof entry === 'string') {
    section = entry.replace(/^#\s*/, '');
    continue;
  }
  const [logic, data, expected] = entry as [unknown, unknown, unknown];
  cases.push({
    name: `${section}: ${JSON.stringify(logic)} with ${JSON.stringify(data)}`,
    logic,
    data,
    expected,
  });
}

/**
 * Cases the compiler refuses on purpose, by `JSON.stringify(logic)`, with the reason. Refused operators
 * (`method`, operators json-logic-js does not have, argument counts that are authoring mistakes) are load
 * errors in a rule file. The suite currently uses none of them; a case added here must really be refused.
 */
const refused = new Map<string, string>([]);

const isObjectLogic = (logic: unknown): boolean =>
  typeof logic === 'object' && logic !== null && !Array.isArray(logic);

describe('JsonLogic conformance suite (jsonlogic.com/tests.json)', () => {
  test('the fixture holds the whole suite, and every refused case is one of it', () => {
    expect(cases.length).toBeGreaterThanOrEqual(277);
    const inSuite = new Set(cases.map((c) => JSON.stringify(c.logic)));
    expect([...refused.keys()].filter((logic) => !inSuite.has(logic))).toEqual([]);
  });

  test.each(cases)('$name', ({ logic, data, expected }) => {
    const reason = refused.get(JSON.stringify(logic));
    if (reason !== undefined) {
      expect(() => compileCondition(logic), reason).toThrow(ConditionError);
      return;
    }
    expect(findConditionProblems(logic)).toEqual([]);
    expect(compileCondition(logic)(data)).toStrictEqual(expected);
  });

  // A rule's `if:` is an object (or a boolean): the suite's bare values and arrays pass through the
  // compiler above but cannot be a rule's whole condition.
  test.each(cases.filter((c) => isObjectLogic(c.logic) && !refused.has(JSON.stringify(c.logic))))(
    'as an indexed rule condition: $name',
    ({ logic, data, expected }) => {
      // The rule index may skip evaluating a condition (it buckets rules by the literals they compare
      // against): the rule must match exactly when the suite's result is truthy.
      const index = new RuleIndex([{ order: 0, on: ['e'], condition: logic }]);
      expect(index.match(['e'], data).length).toBe(truthy(expected) ? 1 : 0);
    },
  );
});
