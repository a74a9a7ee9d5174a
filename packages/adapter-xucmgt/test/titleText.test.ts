import { compileRuleSources, type NormalizedEvent, RuleCatalog } from '@switchboard/core';
import { describe, expect, test } from 'vitest';
import { type ThirdPartyOpenParams, thirdPartyOpenSpec } from '../src/actionSpecs.js';
import { xucmgtAdapter } from '../src/index.js';
import { toXucmgtAnswer } from '../src/mapping/xucmgtAnswer.js';

const hostile = `<img src=x onerror="alert(1)"> O'Brien & Sons`;

const event: NormalizedEvent = {
  id: 'e1',
  type: 'call.offered',
  vendorEvent: 'xucmgt.thirdPartyRequest',
  source: 'xucmgt',
  time: '2026-03-01T10:00:00.000Z',
  call: { id: '1.1', caller: '1001', callerName: hostile },
  vars: {},
};

describe('the answer\u2019s `title` is text, as the XucMgt docs give it (the title of the tab)', () => {
  test('call data reaches the answer exactly as it came, not HTML-escaped', () => {
    const text = `rules:\n  - name: r\n    on: call.offered\n    do:\n      - thirdPartyOpen: { url: "https://crm.example/c?phone={{ call.caller }}", title: "{{ call.callerName }} ({{ call.caller }})" }\n`;
    const loaded = compileRuleSources([{ file: 'rules.yaml', text }], {
      catalog: new RuleCatalog([{ name: 'xucmgt', manifest: xucmgtAdapter }]),
    });
    const action = loaded.ruleSet?.rules[0]?.actions[0];
    if (!action) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const params = action.params.render(event) as unknown as ThirdPartyOpenParams;
    const answer = toXucmgtAnswer(
      { ...params, action: 'open', event: 'established', autopause: false },
      'https://crm.example/c',
    );
    expect(answer.title).toBe(`${hostile} (1001)`);
  });

  test('the schema says so: x-template text', () => {
    expect(thirdPartyOpenSpec.params.properties.title['x-template']).toBe('text');
  });
});
