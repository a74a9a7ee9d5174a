// The dispatcher path of a daemon, measured with a given state backend: shared by statePath and haPath.
import { compileRuleSources, RuleCatalog, Runtime } from '@switchboard/core/host';
import { RecordingExecutor } from '@switchboard/core/testing';
import { benchAdapter } from './benchAdapter.mjs';
import { ctiEvents, ctiRules, ctiRuleYaml } from './ctiRules.mjs';
import { opsPerSecondAsync } from './measure.mjs';

function compile(rules) {
  const catalog = new RuleCatalog([{ name: 'pbx', manifest: benchAdapter }]);
  const loaded = compileRuleSources([{ file: 'bench.yaml', text: ctiRuleYaml(rules) }], { catalog, env: {} });
  if (!loaded.ruleSet) throw new Error(loaded.errors.map((e) => e.format()).join('\n'));
  return loaded.ruleSet;
}

/**
 * Events/s through `Runtime.publish` (100 CTI rules, 256 events at a time, new ids and calls each round)
 * with the given state, for `ms`. `runtime` adds Runtime options (a node of a cluster: `node`, `leases`,
 * `cluster`).
 */
export async function dispatcherPath(state, ms, runtime = {}) {
  const ruleSet = compile(ctiRules(100));
  const events = ctiEvents(100);
  const log = [];
  const instance = new Runtime({
    instances: [{ name: 'pbx', manifest: benchAdapter, options: {} }],
    rules: ruleSet,
    executorsFor: () => [new RecordingExecutor('wakeup', log)],
    calls: { maxCalls: 50_000 },
    dedupe: { maxIds: 200_000 },
    server: { host: '127.0.0.1', port: 0 },
    state,
    ...runtime,
  });
  await instance.start();
  let round = 0;
  const batch = 256;
  const rate = await opsPerSecondAsync(async () => {
    round += 1;
    const pending = [];
    for (let k = 0; k < batch; k++) {
      const e = events[(round * batch + k) % events.length];
      pending.push(
        instance.publish(
          { ...e, id: `${e.id}#${round}`, call: { ...e.call, id: `${e.call.id}#${round}` } },
          'pbx',
        ),
      );
    }
    await Promise.all(pending);
    if (log.length > 10_000) log.length = 0;
    return batch;
  }, ms);
  await instance.stop(1000);
  return rate;
}
