import { describe, expect, test } from 'vitest';
import { compileRuleSources, RuleCatalog } from '../src/index.js';
import { parseCommonYaml } from '../src/yaml/parseCommonYaml.js';
import { SourceDocument } from '../src/yaml/SourceDocument.js';
import { echoAdapter } from './fixtures/echoAdapter.js';

const catalog = new RuleCatalog(['a', 'b'].map((name) => ({ name, manifest: echoAdapter })));
const compile = (text: string) => compileRuleSources([{ file: 'rules.yaml', text }], { catalog, env: {} });

/** Two rules as `validate`'s benchmark writes them, and one in block style with a comment. */
const valid = `rules:
  - name: rule-0
    on: call.answered
    if: {"and":[{"==":[{"var":"call.queue"},"Q0"]},{">=":[{"var":"call.holdSeconds"},0]}]}
    do:
      - wakeup: { url: "http://crm.example/q0?caller={{ call.caller }}" }
  - name: rule-1 # the second
    on: [call.offered]
    from: a
    do:
    - wakeup:
        url: http://crm.example/q1?caller={{ call.caller }}
        mode: new_frame
      onError: continue
    - wakeup: { url: 'http://crm.example/again' }
`;

describe('rule files read by the fast parser', () => {
  test('a valid file: the fast path, and each rule and action where the full parser places it', () => {
    expect(parseCommonYaml(valid)).toBeDefined();
    const loaded = compile(valid);
    expect(loaded.errors).toEqual([]);
    const reference = SourceDocument.parse('rules.yaml', valid, { fast: false }).document as SourceDocument;
    const rules = loaded.ruleSet?.rules ?? [];
    expect(rules.map((r) => r.position)).toEqual([
      reference.positionOf(['rules', 0]),
      reference.positionOf(['rules', 1]),
    ]);
    expect(rules.map((r) => r.position.line)).toEqual([2, 7]);
    expect(rules.flatMap((r) => r.actions.map((a) => `${a.position.line}:${a.position.col}`))).toEqual([
      '6:9',
      '11:7',
      '15:7',
    ]);
  });

  test('the same file with one mistake: the problem at its place, as the full parser gives it', () => {
    const broken = valid.replace("- wakeup: { url: 'http", "- wakup: { url: 'http");
    expect(parseCommonYaml(broken)).toBeDefined();
    expect(compile(broken).errors.map((e) => e.format())).toEqual([
      'rules.yaml:15:7 unknown action `wakup`; did you mean `wakeup`? [SWB_RULE_UNKNOWN_ACTION]',
    ]);
    const unknownField = valid.replace('{ var: call.queue }', '').replace('"call.queue"', '"call.queu"');
    expect(compile(unknownField).warnings.map((e) => e.format())).toEqual([
      'rules.yaml:4:32 `call.answered` events have no field `call.queu`; did you mean `call.queue`? [SWB_RULE_UNKNOWN_FIELD]',
    ]);
  });

  test('a file the fast parser leaves to the full one gives the same rules and positions', () => {
    const crlf = valid.replaceAll('\n', '\r\n');
    expect(parseCommonYaml(crlf)).toBeUndefined();
    const fast = compile(valid).ruleSet?.rules ?? [];
    const full = compile(crlf).ruleSet?.rules ?? [];
    expect(full.map((r) => [r.name, r.position, r.actions.map((a) => a.position)])).toEqual(
      fast.map((r) => [r.name, r.position, r.actions.map((a) => a.position)]),
    );
  });
});
