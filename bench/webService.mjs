// Benchmark 4: the XucMgt web service answering from a rule (repeated POSTs are not served from its
// answer cache: every request runs the rules), under autocannon, beside a bare node:http server
// answering a constant JSON. Both servers run at once; each run loads the bare server, then the daemon,
// back to back (paired), BENCH_RUNS times (at least 5). Also the CPU time each process spent per request
// (from /proc: on a shared machine it moves much less than requests/s) and the daemon's peak RSS (VmHWM).
import { readFile } from 'node:fs/promises';
import { spawnDaemon } from '@switchboard/test-support';
import autocannon from 'autocannon';
import { startNodeScript, stop, tempConfig } from './lib/processes.mjs';
import { processCpuMs, processMemory } from './lib/processMemory.mjs';
import { goalRow, pairedRatio, repeat, spread } from './lib/runs.mjs';
import { xucmgtConfigYaml, xucmgtRulesYaml } from './lib/xucmgtBench.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const body = await readFile(
  new URL('../packages/adapter-xucmgt/test/fixtures/request-2024.json', import.meta.url),
  'utf8',
);

const load = (url, seconds = duration) =>
  autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
  });

const summary = (r) => ({
  requestsPerSecond: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
  total: r.requests.total,
});

const bare = await startNodeScript(new URL('./lib/bareServer.mjs', import.meta.url).pathname);
const bareUrl = `http://127.0.0.1:${bare.ready.port}/`;

// The daemon answering from a rule (durable state: the embedded store, as deployed).
const dir = await tempConfig({
  'switchboard.yaml': xucmgtConfigYaml(),
  'rules.yaml': xucmgtRulesYaml,
});
const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, { cwd: dir });
const daemonUrl = `${daemon.address}/adapters/xucmgt`;
const check = await fetch(daemonUrl, {
  method: 'POST',
  body,
  headers: { 'content-type': 'application/json' },
});
const answer = await check.json();
if (answer.action !== 'open') throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
const idleDaemon = processMemory(daemon.process.pid);

// Warm-up (JIT, pools) for both, not counted.
await load(bareUrl, 1);
await load(daemonUrl, 5);

/** Load on one server, and the CPU time its process spent per request (less moved by other load than req/s). */
async function measure(url, pid) {
  const cpuBefore = processCpuMs(pid);
  const result = summary(await load(url));
  return { ...result, cpuMicrosPerRequest: ((processCpuMs(pid) - cpuBefore) * 1000) / result.total };
}

const runs = await repeat(async (run) => {
  const b = await measure(bareUrl, bare.child.pid);
  const d = await measure(daemonUrl, daemon.process.pid);
  process.stderr.write(
    `run ${run + 1}: bare ${Math.round(b.requestsPerSecond)} req/s (${Math.round(b.cpuMicrosPerRequest)} µs CPU each), daemon ${Math.round(d.requestsPerSecond)} req/s (${Math.round(d.cpuMicrosPerRequest)} µs CPU each)\n`,
  );
  return { bare: b, switchboard: d };
});
const daemonMemory = processMemory(daemon.process.pid);
const bareMemory = processMemory(bare.child.pid);
await daemon.stop();
await stop(bare.child);

const field = (side, name) => spread(runs.map((r) => r[side][name]));
const side = (name) => ({
  requestsPerSecond: field(name, 'requestsPerSecond'),
  p50: field(name, 'p50'),
  p99: field(name, 'p99'),
  cpuMicrosPerRequest: field(name, 'cpuMicrosPerRequest'),
  errors: runs.reduce((sum, r) => sum + r[name].errors, 0),
  total: runs.reduce((sum, r) => sum + r[name].total, 0),
});
const ratio = pairedRatio(
  runs.map((r) => 100 * r.switchboard.requestsPerSecond),
  runs.map((r) => r.bare.requestsPerSecond),
);

// The same ratio from CPU time per request: what the daemon would reach with a core of its own.
const cpuRatio = pairedRatio(
  runs.map((r) => 100 * r.bare.cpuMicrosPerRequest),
  runs.map((r) => r.switchboard.cpuMicrosPerRequest),
);

process.stdout.write(
  `${JSON.stringify({
    benchmark: 'webService',
    duration,
    connections,
    runs: runs.length,
    bare: side('bare'),
    switchboard: side('switchboard'),
    percentOfBare: ratio,
    percentOfBareByCpu: cpuRatio,
    memory: { daemonIdle: idleDaemon, daemon: daemonMemory, bare: bareMemory },
    goals: [
      goalRow({
        id: 'webService',
        figure: 'XucMgt web service (rule + template answer) requests/s',
        alternative: 'bare `node:http` answering a constant JSON',
        goal: '≥ 60%',
        value: ratio,
        unit: '%',
        met: ratio.median >= 60,
      }),
    ],
  })}\n`,
);
