// Benchmark 1: rules throughput. The same CTI rule sets over the same events, in one process:
// Switchboard (full dispatch, and match + template alone) vs json-logic-js, json-logic-engine and json-rules-engine.
import { compileRuleSources, RuleCatalog, Runtime } from '@switchboard/core/host';
import { RecordingExecutor } from '@switchboard/core/testing';
import { LogicEngine } from 'json-logic-engine';
import jsonLogic from 'json-logic-js';
import { Engine } from 'json-rules-engine';
import { benchAdapter } from './lib/benchAdapter.mjs';
import { ctiEvents, ctiRules, ctiRuleYaml, naiveFill } from './lib/ctiRules.mjs';
import { goalRow, pairedRatio, repeat, runCount, spread } from './lib/runs.mjs';

/**
 * Runs `step` (returns the operations it did) for `ms` of wall time and returns operations per
 * CPU-second of this process: on a machine shared with other work, time spent descheduled does not
 * count against the engine measured (every engine here is measured the same way).
 */
function opsPerCpuSecond(step, ms) {
  for (let i = 0; i < 50; i++) step();
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) ops += step();
  return perCpuSecond(ops, process.cpuUsage(cpu));
}

/** Same for an async step. */
async function opsPerCpuSecondAsync(step, ms, warmup = 20) {
  for (let i = 0; i < warmup; i++) await step();
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) ops += await step();
  return perCpuSecond(ops, process.cpuUsage(cpu));
}

const perCpuSecond = (ops, used) => (ops * 1e6) / (used.user + used.system);

const sizes = (process.env.BENCH_SIZES ?? '10,100,1000,10000').split(',').map(Number);
const ms = Number(process.env.BENCH_MS ?? 1000);

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

// Every size is set up once; then each run measures every size and every engine back to back, so the
// ratios (10,000 vs 10 rules, daemon path vs bare engine, Switchboard vs the alternatives) pair figures
// of the same run.
const setups = [];
for (const n of sizes) {
  const rules = ctiRules(n);
  const events = ctiEvents(n);
  const ruleSet = compileSwitchboard(rules);
  checkAgreement(rules, ruleSet, events);
  setups.push({
    n,
    match: switchboardMatch(ruleSet, events),
    dispatch: await switchboardDispatch(ruleSet, events),
    jsonLogicJs: jsonLogicLoop(rules, events),
    jsonLogicEngine: jsonLogicEngineLoop(rules, events),
    jsonRulesEngine: jsonRulesEngine(rules, events),
  });
}

const engines = [
  'switchboardMatch',
  'switchboardDispatch',
  'jsonLogicJs',
  'jsonLogicEngine',
  'jsonRulesEngine',
];
const runs = await repeat(async (run) => {
  const figures = {};
  for (const s of setups) {
    const budget = (k) => Math.max(300, ms / k);
    const big = s.n >= 1000;
    figures[s.n] = {
      switchboardMatch: opsPerCpuSecond(s.match, ms),
      switchboardDispatch: await opsPerCpuSecondAsync(s.dispatch, ms),
      jsonLogicJs: opsPerCpuSecond(s.jsonLogicJs, budget(big ? 2 : 1)),
      jsonLogicEngine: opsPerCpuSecond(s.jsonLogicEngine, budget(big ? 2 : 1)),
      jsonRulesEngine: await opsPerCpuSecondAsync(s.jsonRulesEngine, budget(big ? 3 : 1), big ? 2 : 20),
    };
  }
  process.stderr.write(`rules throughput: run ${run + 1} of ${runCount} done\n`);
  return figures;
});

const series = (n, engine) => runs.map((figures) => figures[n][engine]);
const rows = sizes.map((n) => ({
  rules: n,
  ...Object.fromEntries(engines.map((engine) => [engine, spread(series(n, engine))])),
  // Switchboard's engine against each alternative, run by run.
  ratios: Object.fromEntries(
    ['jsonLogicJs', 'jsonLogicEngine', 'jsonRulesEngine'].map((alt) => [
      alt,
      pairedRatio(series(n, 'switchboardMatch'), series(n, alt)),
    ]),
  ),
}));
const percent = (ratio) => ({
  ...ratio,
  median: 100 * ratio.median,
  min: 100 * ratio.min,
  max: 100 * ratio.max,
});
const goals = [];
if (sizes.includes(10) && sizes.includes(10000)) {
  const value = percent(pairedRatio(series(10000, 'switchboardMatch'), series(10, 'switchboardMatch')));
  goals.push(
    goalRow({
      id: 'rules-10000-vs-10',
      figure: 'rules engine, 10,000 rules',
      alternative: 'the same engine with 10 rules',
      goal: '≥ 50%',
      value,
      unit: '%',
      met: value.median >= 50,
    }),
  );
}
if (sizes.includes(1000)) {
  const value = percent(pairedRatio(series(1000, 'switchboardDispatch'), series(1000, 'switchboardMatch')));
  goals.push(
    goalRow({
      id: 'dispatcher-vs-engine-1000',
      figure: 'daemon dispatcher path, 1,000 rules',
      alternative: 'the bare engine (match + template), 1,000 rules',
      goal: '≥ 25%',
      value,
      unit: '%',
      met: value.median >= 25,
    }),
  );
}
process.stdout.write(
  `${JSON.stringify({ benchmark: 'rulesThroughput', runs: runCount, ms, rows, goals })}\n`,
);
