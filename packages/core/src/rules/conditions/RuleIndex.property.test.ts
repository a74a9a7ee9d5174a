import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, test } from 'vitest';
import { extractIndexKey } from './extractIndexKey.js';
import { RuleIndex } from './RuleIndex.js';

const runs = 3000;
const eventKeys = ['call.answered', 'call.ended', 'xcally.up', 'xcally.down'] as const;

// Literals and event values chosen to collide in loose-equality classes.
const literal = fc.constantFrom<string | number | boolean | null>(
  'Sales',
  'Support',
  '5',
  ' 5 ',
  '1',
  '',
  '0',
  'true',
  'null',
  5,
  0,
  1,
  -0,
  true,
  false,
  null,
);
const eventValue = fc.constantFrom<unknown>(
  'Sales',
  ['Sales'],
  'Support',
  5,
  '5',
  ' 5 ',
  ['5'],
  true,
  false,
  '1',
  '',
  ' ',
  0,
  -0,
  null,
  [],
  { a: 1 },
  'true',
  'null',
);

const varPath = fc.constantFrom('call.queue', 'call.prio', 'call');
const variable = fc.oneof(
  varPath.map((path) => ({ var: path })),
  varPath.map((path) => ({ var: [path] })),
  fc.tuple(varPath, literal).map(([path, fallback]) => ({ var: [path, fallback] })),
);

const equality = fc
  .tuple(fc.constantFrom('==', '==='), variable, literal, fc.boolean())
  .map(([op, v, lit, swap]) => ({ [op]: swap ? [lit, v] : [v, lit] }));
const inList = fc
  .tuple(variable, fc.array(literal, { maxLength: 3 }))
  .map(([v, list]) => ({ in: [v, list] }));
const unindexable = fc.oneof(
  fc.tuple(variable, literal).map(([v, lit]) => ({ '!=': [v, lit] })),
  variable.map((v) => ({ in: [v, 'Sales Support 5'] })),
  fc.tuple(equality, equality).map(([a, b]) => ({ or: [a, b] })),
  equality.map((e) => ({ '!': e })),
  fc.tuple(variable, variable).map(([a, b]) => ({ '==': [a, b] })),
  fc.constantFrom<unknown>(true, false, 0, [], [0], { var: 'call.flag' }),
);
const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'condition' },
    equality,
    inList,
    unindexable,
    fc
      .array(tie('condition'), { minLength: 1, maxLength: 3, depthIdentifier: 'condition' })
      .map((all) => ({ and: all })),
    tie('condition').map((inner) => ({ '!!': [inner] })),
  ),
}));

const rule = fc.record(
  {
    on: fc.array(fc.constantFrom(...eventKeys), { minLength: 1, maxLength: 3 }),
    condition,
  },
  { requiredKeys: ['on'], noNullPrototype: true },
);
const rules = fc
  .array(rule, { maxLength: 25 })
  .map((list) => list.map((r, order) => ({ ...r, order })))
  .chain((list) => fc.shuffledSubarray(list, { minLength: list.length })); // construction order is irrelevant

const call = fc.record({ queue: eventValue, prio: eventValue }, { requiredKeys: [], noNullPrototype: true });
const data = fc.oneof(
  fc.record({ call: fc.oneof(call, eventValue) }, { requiredKeys: [], noNullPrototype: true }),
  fc.constantFrom<unknown>(null, undefined, 'Sales'),
);
const keys = fc.array(fc.constantFrom(...eventKeys, 'unknown.event'), { maxLength: 3 });

type Rule = { order: number; on: readonly string[]; condition?: unknown };

function bruteForce(all: readonly Rule[], eventKeyList: readonly string[], input: unknown): Rule[] {
  return [...all]
    .sort((a, b) => a.order - b.order)
    .filter(
      (r) =>
        r.on.some((k) => eventKeyList.includes(k)) &&
        (r.condition === undefined ||
          jsonLogic.truthy(jsonLogic.apply(r.condition as jsonLogic.RulesLogic, input))),
    );
}

describe('RuleIndex matches brute force json-logic-js', () => {
  test('the generated rule sets do exercise the index', () => {
    const sample = fc.sample(rules, { numRuns: 200, seed: 7 }).flat();
    const indexed = sample.filter(
      (r) => r.condition !== undefined && extractIndexKey(r.condition) !== undefined,
    );
    expect(indexed.length).toBeGreaterThan(sample.length / 4);
  });

  test(`match equals the brute-force filter (${runs} runs)`, () => {
    fc.assert(
      fc.property(rules, keys, data, (all, eventKeyList, input) => {
        const index = new RuleIndex(all);
        const expected = bruteForce(all, eventKeyList, input);
        expect(index.match(eventKeyList, input)).toEqual(expected);
        const candidates = index.candidates(eventKeyList, input);
        expect(candidates.map((r) => r.order)).toEqual(
          [...new Set(candidates.map((r) => r.order))].sort((a, b) => a - b),
        );
        expect(candidates).toEqual(expect.arrayContaining(expected));
      }),
      { numRuns: runs, seed: 424242 },
    );
  });
});
