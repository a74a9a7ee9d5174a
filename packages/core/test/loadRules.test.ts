import { describe, expect, test } from 'vitest';
import { problemsOf } from './fixtures/compile.js';

describe('rule files: every problem as file:line:col with what was expected', () => {
  test('a misspelled action, with a suggestion', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    do:
      - wakup: { url: "http://x/" }
`);
    expect(problems).toEqual([
      'rules.yaml:5:9 unknown action `wakup`; did you mean `wakeup`? [SWB_RULE_UNKNOWN_ACTION]',
    ]);
  });

  test('an unknown json-logic operator, pointed at the operator', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    if:
      and:
        - { "==": [ { var: call.queue }, "Sales" ] }
        - { "=": [ { var: call.queue }, "Sales" ] }
    do:
      - wakeup: { url: "http://x/" }
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^rules\.yaml:7:13 unknown json-logic operator `=`; did you mean `==`\? \(operators: == .+\) \[SWB_RULE_UNKNOWN_OPERATOR\]$/,
    );
  });

  test('a mis-indented YAML block', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    do:
      - wakeup:
          url: "http://x/"
         mode: new_tab
`);
    expect(problems).toEqual([
      'rules.yaml:7:10 `mode:` (column 10) lines up with no key above it: `url:` on line 6 starts at column 11, `wakeup:` on line 5 at column 9 [SWB_YAML_SYNTAX]',
    ]);
  });

  test('an unknown event type, with a suggestion', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answerd
    do:
      - wakeup: { url: "http://x/" }
`);
    expect(problems).toEqual([
      'rules.yaml:3:9 unknown event type `call.answerd`; did you mean `call.answered`? [SWB_RULE_UNKNOWN_EVENT]',
    ]);
  });

  test('an unknown vendor event of a known adapter', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: [ echo.ring, echo.rnig ]
    do:
      - wakeup: { url: "http://x/" }
`);
    expect(problems).toEqual([
      'rules.yaml:3:22 adapter `echo` has no event `rnig`; did you mean `echo.ring`? (its events: ring) [SWB_RULE_UNKNOWN_EVENT]',
    ]);
  });

  test('an unknown `via` instance and an unknown `from`', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    from: c
    do:
      - wakeup: { url: "http://x/" }
        via: bb
`);
    expect(problems).toEqual([
      'rules.yaml:4:11 unknown adapter instance `c`; did you mean `a`? [SWB_RULE_UNKNOWN_INSTANCE]',
      'rules.yaml:7:14 unknown adapter instance `bb`; did you mean `b`? [SWB_RULE_UNKNOWN_INSTANCE]',
    ]);
  });

  test('params checked against the action schema, at the offending key', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    do:
      - wakeup: { url: "http://x/", mode: new_door, colour: red }
`);
    expect(new Set(problems)).toEqual(
      new Set([
        'rules.yaml:5:43 `mode` must be one of "new_tab", "new_frame", found "new_door" [SWB_SCHEMA]',
        'rules.yaml:5:53 `wakeup` has an unknown property `colour` (allowed: `url`, `peer`, `mode`) [SWB_SCHEMA]',
      ]),
    );
  });

  test('a template value where it could change the URL host', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    do:
      - wakeup: { url: "{{ vars.crm }}/x" }
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^rules\.yaml:5:25 .*\[SWB_TEMPLATE_PLACEMENT\]$/);
  });

  test('structure errors name what was expected', () => {
    const problems = problemsOf(`rules:
  - name: r1
    when: call.answered
    do: []
`);
    expect(problems).toEqual([
      'rules.yaml:3:5 rule `r1` has an unknown property `when` and no `on`: did you mean `on`? [SWB_SCHEMA]',
      'rules.yaml:4:9 `do` needs at least 1 item [SWB_SCHEMA]',
    ]);
  });

  test('two rules with one name', () => {
    const problems = problemsOf(`rules:
  - { name: same, on: call.answered, do: [ { wakeup: { url: "http://x/" } } ] }
  - { name: same, on: call.ended, do: [ { wakeup: { url: "http://x/" } } ] }
`);
    expect(problems).toEqual([
      'rules.yaml:3:13 a rule named `same` is already defined in rules.yaml:2:5 [SWB_RULE_DUPLICATE_NAME]',
    ]);
  });

  test('${VAR} reads the environment; a missing one is an error at its place', () => {
    const yaml = `rules:
  - name: r1
    on: call.answered
    do:
      - http: { url: "https://crm/", headers: { authorization: "Bearer \${CRM_TOKEN}" } }
`;
    expect(problemsOf(yaml, { CRM_TOKEN: 's3cret-token' })).toEqual([]);
    expect(problemsOf(yaml)).toEqual([
      'rules.yaml:5:64 environment variable `CRM_TOKEN` is not set (read as `${CRM_TOKEN}`) [SWB_CONFIG_MISSING_ENV]',
    ]);
  });

  test('an action the source adapter cannot carry out is a load-time error', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    do:
      - dial: { number: "1" }
`);
    expect(problems).toEqual(['rules.yaml:5:9 unknown action `dial` [SWB_RULE_UNKNOWN_ACTION]']);
  });
});

describe('a mis-indented block that is still valid YAML', () => {
  test('params that fell out of their action are named, with the fix', () => {
    const problems = problemsOf(`rules:
  - name: r1
    on: call.answered
    do:
      - wakeup:
        url: "http://x/"
        mode: new_tab
`);
    expect(problems).toEqual([
      'rules.yaml:5:9 mis-indented `url:`, `mode:`: indent them under `wakeup:`, more than `wakeup` itself [SWB_RULE_UNKNOWN_ACTION]',
    ]);
  });
});
