import { describe, expect, test } from 'vitest';
import {
  type AdapterManifest,
  checkFieldPath,
  compileRuleSources,
  eventProblems,
  RuleCatalog,
} from '../src/index.js';
import { echoAdapter } from './fixtures/echoAdapter.js';

/** An echo adapter that may send vendor events it does not list, as xCALLY and 8x8 do. */
const openEcho: AdapterManifest = {
  ...echoAdapter,
  name: 'open',
  emits: { ...echoAdapter.emits, vendorEvents: { up: 'answered', ringing: 'ringing' }, anyVendorEvent: true },
};

function compile(yaml: string, options: { unloaded?: string[] } = {}) {
  const catalog = new RuleCatalog(
    [
      { name: 'a', manifest: echoAdapter },
      { name: 'o', manifest: openEcho },
    ],
    options,
  );
  const loaded = compileRuleSources([{ file: 'rules.yaml', text: yaml }], { catalog, env: {} });
  return { errors: loaded.errors.map((e) => e.format()), warnings: loaded.warnings.map((e) => e.format()) };
}

const rule = (on: string, rest = '') => `rules:
  - name: r
    on: ${on}
${rest}    do:
      - wakeup: { url: "http://crm/x" }
`;

describe('event names are checked against the normalized types and each adapter’s list', () => {
  test('`on: answered` is one error naming the normalized type', () => {
    expect(compile(rule('answered')).errors).toEqual([
      'rules.yaml:3:9 unknown event type `answered`; did you mean `call.answered`? [SWB_RULE_UNKNOWN_EVENT]',
    ]);
  });

  test('a slip in a listed vendor event is an error, also where the adapter may send others', () => {
    expect(compile(rule('open.upp')).errors).toEqual([
      'rules.yaml:3:9 adapter `open` has no event `upp`; did you mean `open.up`? (its events: up, ringing) [SWB_RULE_UNKNOWN_EVENT]',
    ]);
    expect(compile(rule('open.answered')).errors).toEqual([
      'rules.yaml:3:9 adapter `open` has no event `answered`; did you mean `call.answered`? (its events: up, ringing) [SWB_RULE_UNKNOWN_EVENT]',
    ]);
  });

  test('an unlisted name far from any listed one: a warning where the adapter may send it, else an error', () => {
    const open = compile(rule('open.transferred'));
    expect(open.errors).toEqual([]);
    expect(open.warnings).toEqual([
      'rules.yaml:3:9 `transferred` is not among the events switchboard-adapter-echo lists (its events: up, ringing): the rule fires only if the platform sends an event named `transferred` [SWB_RULE_UNKNOWN_EVENT]',
    ]);
    expect(compile(rule('echo.transferred')).errors).toEqual([
      'rules.yaml:3:9 adapter `echo` has no event `transferred` (its events: ring) [SWB_RULE_UNKNOWN_EVENT]',
    ]);
  });

  test('an adapter that takes any name and lists none (a webhook) accepts any, silently', () => {
    const hook: AdapterManifest = {
      ...echoAdapter,
      name: 'hook',
      emits: { events: [], anyVendorEvent: true },
    };
    const catalog = new RuleCatalog([{ name: 'h', manifest: hook }]);
    const loaded = compileRuleSources([{ file: 'rules.yaml', text: rule('hook.order-created') }], {
      catalog,
    });
    expect([...loaded.errors, ...loaded.warnings]).toEqual([]);
  });
});

describe('paths no event of the rule’s types can carry are warnings with the likely path', () => {
  test('a misspelt field in a condition and in a template, at the path itself', () => {
    const { errors, warnings } = compile(`rules:
  - name: r
    on: call.answered
    if: { "==": [{ var: call.queu }, "Sales"] }
    do:
      - wakeup: { url: "http://crm/x?q={{ call.queu }}&o={{ vars.order }}&r={{ raw.anything.at.all }}" }
`);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'rules.yaml:4:25 `call.answered` events have no field `call.queu`; did you mean `call.queue`? [SWB_RULE_UNKNOWN_FIELD]',
      'rules.yaml:6:40 `call.answered` events have no field `call.queu`; did you mean `call.queue`? [SWB_RULE_UNKNOWN_FIELD]',
    ]);
  });

  test('a field of the wrong part, a half-written path, and a step into text', () => {
    const { warnings } = compile(`rules:
  - name: r
    on: call.answered
    if: { and: [{ var: queue }, { var: call.queue.name }, { missing: [call.calleer] }] }
    do:
      - wakeup: { url: "http://crm/x" }
`);
    expect(warnings).toEqual([
      'rules.yaml:4:24 `call.answered` events have no field `queue`; did you mean `call.queue`? [SWB_RULE_UNKNOWN_FIELD]',
      'rules.yaml:4:40 `call.queue` is text: it has no `name` [SWB_RULE_UNKNOWN_FIELD]',
      'rules.yaml:4:71 `call.answered` events have no field `call.calleer`; did you mean `call.caller`? [SWB_RULE_UNKNOWN_FIELD]',
    ]);
  });

  test('a value the rule keeps in vars, read from the event: the path it is at', () => {
    const { warnings } = compile(`rules:
  - name: r
    on: call.answered
    do:
      - http: { url: "https://crm/api?phone={{ call.caller }}" }
        save: crm
      - set: { order: "{{ vars.crm.order }}" }
      - wakeup: { url: "https://crm/c/{{ call.crm.id }}?o={{ order }}" }
`);
    expect(warnings).toEqual([
      "rules.yaml:8:39 `call.crm.id` is not in the event: `save: crm` keeps `crm` in the call's vars; did you mean `vars.crm.id`? [SWB_RULE_UNKNOWN_FIELD]",
      "rules.yaml:8:59 `order` is not in the event: `set` keeps `order` in the call's vars; did you mean `vars.order`? [SWB_RULE_UNKNOWN_FIELD]",
    ]);
  });

  test('`call` on agent events; fields of any part on a vendor event; items of `some` are not event paths', () => {
    expect(checkFieldPath(['call', 'queue'], ['agent.state'])).toBe(
      '`agent.state` events carry no `call`, so `call.queue` is always empty',
    );
    expect(checkFieldPath(['agent', 'reason'], ['agent.state'])).toBeUndefined();
    const { warnings } = compile(`rules:
  - name: r
    on: [open.up, call.ended]
    if: { some: [{ var: vars.tags }, { "==": [{ var: "" }, "vip"] }], "!": 1 }
    do:
      - wakeup: { url: "http://crm/{{ agent.id }}/{{ call.talkSeconds }}/{{ vars.failure.rule }}" }
`);
    expect(warnings).toEqual([]);
  });
});

describe('YAML mistakes: one message, at the line of the mistake', () => {
  const yamlError = (text: string) => compile(text).errors;

  test('a key indented deeper than the one above it is reported on its own line', () => {
    expect(yamlError('rules:\n  - name: r\n      on: call.answered\n    do: []\n')).toEqual([
      'rules.yaml:3:7 `on:` is indented more than `name:` on line 2 (column 7, not 5): keys of one mapping start in the same column [SWB_YAML_SYNTAX]',
    ]);
  });

  test('params under an action at the action’s own column', () => {
    expect(
      yamlError(
        'rules:\n  - name: r\n    on: call.answered\n    do:\n      - wakeup:\n      url: "http://x"\n',
      ),
    ).toEqual([
      'rules.yaml:6:7 mis-indented `url:`: indent it under `wakeup:` (line 5), more than `wakeup` itself [SWB_YAML_SYNTAX]',
    ]);
  });

  test('a missing colon, an unclosed bracket and quote, a tab, a key given twice', () => {
    expect(yamlError('rules:\n  - name: r\n    on call.answered\n    do: []\n')).toEqual([
      'rules.yaml:3:5 `on call.answered` has no `:` after its key: write `on: call.answered` [SWB_YAML_SYNTAX]',
    ]);
    expect(yamlError('rules:\n  - name: r\n    if: {"==": [1, 1]\n    do: []\n')).toEqual([
      'rules.yaml:3:9 the `{` opened here is never closed: add `}` [SWB_YAML_SYNTAX]',
    ]);
    expect(yamlError('rules:\n  - name: "r\n    on: call.answered\n')).toEqual([
      'rules.yaml:2:11 the `"` opened here is never closed: add the closing `"` [SWB_YAML_SYNTAX]',
    ]);
    expect(yamlError('rules:\n\t- name: r\n')).toEqual([
      'rules.yaml:2:1 a tab indents this line: YAML indents with spaces only [SWB_YAML_SYNTAX]',
    ]);
    expect(yamlError('rules:\n  - name: r\n    on: call.answered\n    on: call.ended\n    do: []\n')).toEqual(
      ['rules.yaml:4:5 `on` is given twice in one mapping (first on line 3): keep one [SWB_YAML_SYNTAX]'],
    );
  });

  test('a template syntax error points at its character', () => {
    expect(
      yamlError(rule('call.answered').replace('"http://crm/x"', '"http://crm/x?o={{ vars.order }"')),
    ).toEqual([
      'rules.yaml:5:54 Unexpected "}" in placeholder (expected "|" or "}}") at offset 29 of the template [SWB_TEMPLATE_SYNTAX]',
    ]);
  });

  test('`if: {…}: x` names the stray `: x`, not an empty property', () => {
    expect(yamlError(rule('call.answered', '    if: {"==": [1, 1]}: x\n'))).toEqual([
      'rules.yaml:4:23 unexpected `: x` after the value of `if`: a value cannot have a key of its own (remove `: x`, or put it on its own line with a key) [SWB_YAML_SYNTAX]',
    ]);
  });
});

describe('one message per mistake, root cause first', () => {
  test('params that fell out of their action as list items of their own', () => {
    expect(
      compile(
        'rules:\n  - name: r\n    on: call.answered\n    do:\n      - wakeup:\n      - url: "http://x"\n        mode: new_tab\n',
      ).errors,
    ).toEqual([
      'rules.yaml:6:9 mis-indented `url:`, `mode:`: indent them under `wakeup:`, more than `wakeup` itself, without `- ` [SWB_RULE_UNKNOWN_ACTION]',
    ]);
  });

  test('what an adapter that did not load may explain is not reported again; a slip still is', () => {
    const { errors } = compile(
      `rules:
  - name: r
    on: bot.said
    from: bot
    do:
      - say: { text: hi }
        via: bot
      - wakup: { url: "http://x" }
`,
      { unloaded: ['bot'] },
    );
    expect(errors).toEqual([
      'rules.yaml:8:9 unknown action `wakup`; did you mean `wakeup`? [SWB_RULE_UNKNOWN_ACTION]',
    ]);
  });

  test('a broken rule does not hide the problems of the next one', () => {
    const { errors } = compile(`rules:
  - name: first
    on: [call.answered, 5]
    do: []
  - name: second
    on: call.answered
    if: "call.queue == 'Sales'"
    do:
      - wakeup: { url: "http://x", timeout: 5 }
`);
    expect(errors).toEqual([
      'rules.yaml:3:25 `on.1` must be text, found 5 [SWB_SCHEMA]',
      'rules.yaml:4:9 `do` needs at least 1 item [SWB_SCHEMA]',
      `rules.yaml:7:9 \`if\` must be a json-logic condition (a mapping) or true or false, found "call.queue == 'Sales'" [SWB_SCHEMA]`,
    ]);
  });
});

describe('events are checked in the same words', () => {
  test('an unknown type and an unknown field, with the intended ones', () => {
    expect(eventProblems({ id: '1', type: 'call.answerd', time: 't', source: 's', vars: {} })).toEqual([
      {
        path: ['type'],
        atKey: false,
        message: 'unknown event type `call.answerd`; did you mean `call.answered`?',
      },
    ]);
    expect(
      eventProblems({
        id: '1',
        type: 'call.answered',
        time: 't',
        source: 's',
        vars: {},
        call: { id: 'c', queu: 'S' },
      }),
    ).toEqual([
      {
        path: ['call', 'queu'],
        atKey: true,
        message: '`call` has an unknown property `queu`; did you mean `queue`?',
      },
    ]);
  });
});
