// Benchmark 5: memory per open call (10,000 and 100,000 calls with vars), `rules-runner validate` time on
// 1,000 and 10,000 rules, and the time from `start` to ready. Every figure is the median of BENCH_RUNS
// whole-process runs with min and max; `rules-runner --version` (Node start and the CLI's modules) is
// timed in the same runs, as the floor of any command.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rulesRunnerBin } from '@switchboard/test-support';
import { ctiRules, ctiRuleYaml } from './lib/ctiRules.mjs';
import { tempConfig } from './lib/processes.mjs';
import { goalRow, repeat, spread } from './lib/runs.mjs';

const probe = fileURLToPath(new URL('./lib/memoryProbe.mjs', import.meta.url));
const sizes = [10_000, 100_000];
const memoryRuns = await repeat(() =>
  sizes.map((calls) => {
    const out = execFileSync(process.execPath, ['--expose-gc', probe, String(calls)], { encoding: 'utf8' });
    const r = JSON.parse(out);
    return { ...r, bytesPerCall: r.heapBytes / calls };
  }),
);
const memory = sizes.map((calls, i) => {
  const runs = memoryRuns.map((run) => run[i]);
  return {
    calls,
    heapBytes: spread(runs.map((r) => r.heapBytes)),
    rssBytes: spread(runs.map((r) => r.rssBytes)),
    bytesPerCall: spread(runs.map((r) => r.bytesPerCall)),
  };
});
process.stderr.write('memory done\n');

/** Wall time of one whole `rules-runner` process, in ms. */
const timed = (args) => {
  const t = performance.now();
  execFileSync(process.execPath, [rulesRunnerBin(), ...args], { encoding: 'utf8' });
  return performance.now() - t;
};
const ruleCounts = [1000, 10_000];
const configs = [];
for (const n of ruleCounts) {
  const dir = await tempConfig({
    'switchboard.yaml':
      'adapters:\n  pbx:\n    use: switchboard-adapter-scenario\n    options: { scenario: none.yaml }\nrules: [ rules.yaml ]\n',
    'rules.yaml': ctiRuleYaml(ctiRules(n)),
  });
  configs.push(`${dir}/switchboard.yaml`);
}
// One warm-up of each (the file cache), then the runs: each run times the floor and both sizes back to back.
for (const config of configs) timed(['validate', '-c', config]);
const validateRuns = await repeat(() => ({
  floor: timed(['--version']),
  sizes: configs.map((config) => timed(['validate', '-c', config])),
}));
const validate = ruleCounts.map((rules, i) => ({ rules, ms: spread(validateRuns.map((r) => r.sizes[i])) }));
const cliFloorMs = spread(validateRuns.map((r) => r.floor));
process.stderr.write('validate done\n');

const demo = fileURLToPath(new URL('../examples/demo/switchboard.yaml', import.meta.url));
const startTimes = await repeat(async () => {
  const t = performance.now();
  const child = spawn(process.execPath, [rulesRunnerBin(), 'start', '-c', demo], {
    env: { ...process.env, SWITCHBOARD_ADMIN_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => {
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffered += chunk;
      if (buffered.includes('"msg":"ready"')) resolve();
    });
  });
  const ms = performance.now() - t;
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  return ms;
});
const startToReadyMs = spread(startTimes);

const perCall = spread(memoryRuns.map((run) => Math.max(...run.map((r) => r.bytesPerCall))));
const validate10k = validate.find((v) => v.rules === 10_000).ms;
const goals = [
  goalRow({
    id: 'memoryPerCall',
    figure: 'heap bytes per open call (with vars), the larger of 10,000 and 100,000 calls',
    alternative: '—',
    goal: '≤ 2 KB (2,048 bytes)',
    value: perCall,
    unit: 'bytes',
    met: perCall.median <= 2048,
  }),
  goalRow({
    id: 'validate10k',
    figure: '`rules-runner validate` of 10,000 rules (whole process)',
    alternative: `\`rules-runner --version\` (Node start + CLI): ${Math.round(cliFloorMs.median)} ms`,
    goal: '< 1 s',
    value: validate10k,
    unit: 'ms',
    met: validate10k.median < 1000,
  }),
];
process.stdout.write(
  `${JSON.stringify({ benchmark: 'memoryStartup', memory, validate, cliFloorMs, startToReadyMs, goals })}\n`,
);
