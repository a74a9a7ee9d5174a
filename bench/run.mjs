// `npm run bench`: runs every benchmark in its own process, then writes docs/benchmarks.md (tables, the
// machine, the date) and bench/results/benchmarks.json (raw figures). Not run by CI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/machine.mjs';
import { renderGoals, renderMarkdown } from './lib/report.mjs';

const only = process.argv.slice(2);
const benchmarks = [
  'rulesThroughput',
  'endToEndLatency',
  'streamingIngest',
  'webService',
  'memoryStartup',
  'statePath',
  'haPath',
  'nodeRed',
  'memorySoak',
].filter((b) => only.length === 0 || only.includes(b));
const resultsFile = new URL('./results/benchmarks.json', import.meta.url);
// Running some benchmarks keeps the others' last figures.
const previous =
  only.length > 0 && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).results : {};
const results = { machine: machine(), results: { ...previous } };
for (const name of benchmarks) {
  process.stderr.write(`== ${name}\n`);
  const out = execFileSync(process.execPath, [fileURLToPath(new URL(`./${name}.mjs`, import.meta.url))], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  results.results[name] = JSON.parse(out.trim().split('\n').pop());
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), renderMarkdown(results));
// The goals table is printed too, so a run shows at a glance which goals hold.
const goals = renderGoals(results.results);
if (goals) process.stdout.write(`${goals}\n`);
process.stderr.write('wrote docs/benchmarks.md and bench/results/benchmarks.json\n');
