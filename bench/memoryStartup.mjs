// Benchmark 5: memory per open call (10,000 and 100,000 calls with vars), `rules-runner validate` time on
// 1,000 and 10,000 rules, and the time from `start` to ready.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rulesRunnerBin } from '@switchboard/test-support';
import { ctiRules, ctiRuleYaml } from './lib/ctiRules.mjs';
import { tempConfig } from './lib/processes.mjs';

const probe = fileURLToPath(new URL('./lib/memoryProbe.mjs', import.meta.url));
const memory = [10_000, 100_000].map((calls) => {
  const out = execFileSync(process.execPath, ['--expose-gc', probe, String(calls)], { encoding: 'utf8' });
  const r = JSON.parse(out);
  return { ...r, bytesPerCall: r.heapBytes / calls };
});
process.stderr.write('memory done\n');

const validate = [];
for (const n of [1000, 10_000]) {
  const dir = await tempConfig({
    'switchboard.yaml':
      'adapters:\n  pbx:\n    use: switchboard-adapter-scenario\n    options: { scenario: none.yaml }\nrules: [ rules.yaml ]\n',
    'rules.yaml': ctiRuleYaml(ctiRules(n)),
  });
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    execFileSync(process.execPath, [rulesRunnerBin(), 'validate', '-c', `${dir}/switchboard.yaml`], {
      encoding: 'utf8',
    });
    times.push(performance.now() - t);
  }
  validate.push({ rules: n, ms: Math.min(...times), runs: times });
}
process.stderr.write('validate done\n');

const demo = fileURLToPath(new URL('../examples/demo/switchboard.yaml', import.meta.url));
const startTimes = [];
for (let i = 0; i < 3; i++) {
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
  startTimes.push(performance.now() - t);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
}
process.stdout.write(
  `${JSON.stringify({ benchmark: 'memoryStartup', memory, validate, startToReadyMs: Math.min(...startTimes), startRuns: startTimes })}\n`,
);
