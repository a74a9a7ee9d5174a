// Child of the memory benchmark (run with --expose-gc): N open calls with a few vars each, in a runtime.
import { compileRuleSources, RuleCatalog, Runtime } from '@switchboard/core/host';
import { RecordingExecutor } from '@switchboard/core/testing';
import { benchAdapter } from './benchAdapter.mjs';

const calls = Number(process.argv[2]);
const catalog = new RuleCatalog([{ name: 'pbx', manifest: benchAdapter }]);
const rules = compileRuleSources(
  [
    {
      file: 'm.yaml',
      text: 'rules:\n  - name: keep\n    on: call.offered\n    do:\n      - set: { crm: "{{ vars.order }}-crm" }\n',
    },
  ],
  { catalog, env: {} },
).ruleSet;
const runtime = new Runtime({
  instances: [{ name: 'pbx', manifest: benchAdapter, options: {} }],
  rules,
  executorsFor: () => [new RecordingExecutor('wakeup', [])],
  calls: { maxCalls: calls * 2 },
  dedupe: { maxIds: calls * 2 },
});
const settle = () => {
  for (let i = 0; i < 3; i++) global.gc();
  return process.memoryUsage();
};
const before = settle();
for (let start = 0; start < calls; start += 5000) {
  const batch = [];
  for (let i = start; i < Math.min(calls, start + 5000); i++) {
    batch.push(
      runtime.publish(
        {
          id: `offer-${i}`,
          type: 'call.offered',
          call: { id: `1599601698.${i}`, queue: 'Sales', caller: `+3222${i}`, peer: 'SIP/1001' },
          vars: { order: `A-${i}`, customer: `C${i % 997}` },
        },
        'pbx',
      ),
    );
  }
  await Promise.all(batch);
}
const after = settle();
if (runtime.openCalls !== calls) throw new Error(`expected ${calls} open calls, have ${runtime.openCalls}`);
process.stdout.write(
  `${JSON.stringify({ calls, heapBytes: after.heapUsed - before.heapUsed, rssBytes: after.rss - before.rss, heapUsed: after.heapUsed, rss: after.rss })}\n`,
);
