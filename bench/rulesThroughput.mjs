// Benchmark 1: rules throughput. The same CTI rule sets over the same events, in one process:
// Switchboard (full dispatch, and match + template alone) vs json-logic-js, json-logic-engine and json-rules-engine.
import { compileRuleSources, RuleCatalog, Runtime } from '@switchboard/core/host';
import { RecordingExecutor } from '@switchboard/core/testing';
import { LogicEngine } from 'json-logic-engine';
import jsonLogic from 'json-logic-js';
import { Engine } from 'json-rules-engine';
import { benchAdapter } from './lib/benchAdapter.mjs';
import { ctiEvents, ctiRules, ctiRuleYaml, naiveFill } from './lib/ctiRules.mjs';
import { opsPerSecond, opsPerSecondAsync } from './lib/measure.mjs';

const sizes = (process.env.BENCH_SIZES ?? '10,100,1000,10000').split(',').map(Number);
const ms = Number(process.env.BENCH_MS ?? 1500);

function compileSwitchboard(rules) {
  const catalog = new RuleCatalog([{ name: 'pbx', manifest: benchAdapter }]);
  const loaded = compileRuleSources([{ file: 'bench.yaml', text: ctiRuleYaml(rules) }], { catalog, env: {} });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
  return loaded.ruleSet;
}

function switchboardMatch(ruleSet, events) {
  const out = [];
  let i = 0;
  return () => {
    const event = events[i++ % events.length];
    for (const rule of ruleSet.match(event, event)) {
      for (const action of rule.actions) out.push(action.params.render(event));
    }
    if (out.length > 10_000) out.length = 0;
    return 1;
  };
}

async function switchboardDispatch(ruleSet, events) {
  const log = [];
  const runtime = new Runtime({
    instances: [{ name: 'pbx', manifest: benchAdapter, options: {} }],
    rules: ruleSet,
    executorsFor: () => [new RecordingExecutor('wakeup', log)],
    calls: { maxCalls: 50_000 },
    dedupe: { maxIds: 200_000 },
  });
  let round = 0;
  const batch = 256;
  return async () => {
    round += 1;
    const pending = [];
    for (let k = 0; k < batch; k++) {
      const e = events[(round * batch + k) % events.length];
      pending.push(
        runtime.publish(
          { ...e, id: `${e.id}#${round}`, call: { ...e.call, id: `${e.call.id}#${round}` } },
          'pbx',
        ),
      );
    }
    await Promise.all(pending);
    if (log.length > 10_000) log.length = 0;
    return batch;
  };
}

function jsonLogicLoop(rules, events) {
  const out = [];
  let i = 0;
  return () => {
    const event = events[i++ % events.length];
    for (const r of rules) {
      if (r.on === event.type && jsonLogic.truthy(jsonLogic.apply(r.condition, event)))
        out.push(naiveFill(r.url, event));
    }
    if (out.length > 10_000) out.length = 0;
    return 1;
  };
}

function jsonLogicEngineLoop(rules, events) {
  const engine = new LogicEngine();
  const compiled = rules.map((r) => ({ on: r.on, test: engine.build(r.condition), url: r.url }));
  const out = [];
  let i = 0;
  return () => {
    const event = events[i++ % events.length];
    for (const r of compiled) if (r.on === event.type && r.test(event)) out.push(naiveFill(r.url, event));
    if (out.length > 10_000) out.length = 0;
    return 1;
  };
}

function jsonRulesEngine(rules, events) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const r of rules) {
    engine.addRule({
      name: r.name,
      conditions: {
        all: [
          { fact: 'type', operator: 'equal', value: r.on },
          { fact: 'call', path: '$.queue', operator: 'equal', value: r.queue },
          { fact: 'call', path: '$.holdSeconds', operator: 'greaterThanInclusive', value: r.minHold },
        ],
      },
      event: { type: 'wakeup', params: { url: r.url } },
    });
  }
  const out = [];
  let i = 0;
  return async () => {
    const event = events[i++ % events.length];
    const { events: fired } = await engine.run(event);
    for (const f of fired) out.push(naiveFill(f.params.url, event));
    if (out.length > 10_000) out.length = 0;
    return 1;
  };
}

/** Same matches from every engine on a sample, so the race is fair. */
function checkAgreement(rules, ruleSet, events) {
  for (const event of events.slice(0, 200)) {
    const a = ruleSet
      .match(event, event)
      .map((r) => r.name)
      .join();
    const b = rules
      .filter((r) => r.on === event.type && jsonLogic.truthy(jsonLogic.apply(r.condition, event)))
      .map((r) => r.name)
      .join();
    if (a !== b) throw new Error(`engines disagree on ${event.id}: ${a} vs ${b}`);
  }
}

const rows = [];
for (const n of sizes) {
  const rules = ctiRules(n);
  const events = ctiEvents(n);
  const ruleSet = compileSwitchboard(rules);
  checkAgreement(rules, ruleSet, events);
  const budget = (k) => Math.max(300, ms / k);
  const row = { rules: n };
  row.switchboardMatch = opsPerSecond(switchboardMatch(ruleSet, events), ms);
  row.switchboardDispatch = await opsPerSecondAsync(await switchboardDispatch(ruleSet, events), ms);
  row.jsonLogicJs = opsPerSecond(jsonLogicLoop(rules, events), budget(n >= 1000 ? 2 : 1));
  row.jsonLogicEngine = opsPerSecond(jsonLogicEngineLoop(rules, events), budget(n >= 1000 ? 2 : 1));
  row.jsonRulesEngine = await opsPerSecondAsync(
    jsonRulesEngine(rules, events),
    budget(n >= 1000 ? 3 : 1),
    n >= 1000 ? 2 : 20,
  );
  rows.push(row);
  process.stderr.write(`rules throughput: ${n} rules done\n`);
}
process.stdout.write(`${JSON.stringify({ benchmark: 'rulesThroughput', rows })}\n`);
