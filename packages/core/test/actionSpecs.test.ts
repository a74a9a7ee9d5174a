import { describe, expect, test } from 'vitest';
import { type AdapterManifest, compileRuleSources, RuleCatalog } from '../src/index.js';
import { echoAdapter } from './fixtures/echoAdapter.js';

/** A second adapter whose `wakeup` takes other params than echo's. */
const otherAdapter: AdapterManifest = {
  ...echoAdapter,
  name: 'other',
  packageName: 'switchboard-adapter-other',
  actions: {
    wakeup: {
      description: 'open a URL in a named frame',
      params: {
        type: 'object',
        required: ['url', 'frame'],
        properties: {
          url: { type: 'string', 'x-template': 'url' },
          frame: { type: 'string', default: 'main' },
        },
        additionalProperties: false,
      },
    },
  },
};

const compile = (yaml: string) =>
  compileRuleSources([{ file: 'rules.yaml', text: yaml }], {
    catalog: new RuleCatalog([
      { name: 'a', manifest: echoAdapter },
      { name: 'o', manifest: otherAdapter },
    ]),
    env: {},
  });

describe('an action two adapters carry out with different params', () => {
  test('params are checked against each possible target, and errors name the instance', () => {
    const loaded = compile(`rules:
  - name: r
    on: call.answered
    do:
      - wakeup: { url: "http://x/", mode: new_frame }
`);
    expect(loaded.errors.map((e) => e.format())).toEqual([
      'rules.yaml:5:37 `wakeup` (for `o`) has an unknown property `mode` (allowed: `url`, `frame`) [SWB_SCHEMA]',
    ]);
  });

  test('each target gets the params as its own spec reads them (defaults included)', () => {
    const loaded = compile(`rules:
  - name: r
    on: call.answered
    do:
      - wakeup: { url: "http://x/{{ call.id }}" }
`);
    const action = loaded.ruleSet?.rules[0]?.actions[0];
    const data = { call: { id: 'c1', peer: 'SIP/1' } };
    expect(action?.byInstance.get('a')?.params.render(data)).toEqual({
      url: 'http://x/c1',
      peer: 'SIP/1',
      mode: 'new_tab',
    });
    expect(action?.byInstance.get('o')?.params.render(data)).toEqual({ url: 'http://x/c1', frame: 'main' });
  });

  test('a rule on an event no adapter emits keeps its adapter actions (checked against every adapter that has them)', () => {
    const loaded = compile(`rules:
  - name: r
    on: call.held
    do:
      - wakeup: { url: "http://x/" }
      - log: { message: "held" }
`);
    expect(loaded.errors).toEqual([]);
    expect(loaded.ruleSet?.rules[0]?.actions.map((a) => a.name)).toEqual(['wakeup', 'log']);
    expect(loaded.warnings.map((w) => w.message)).toEqual(['no configured adapter emits `call.held`']);
  });
});
