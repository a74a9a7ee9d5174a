// Benchmark 7: several daemons on Redis. (a) The dispatcher path of one node on Redis (as a node of a
// cluster: node id, leases) vs the embedded default (LMDB) and memory, same rules and events as
// statePath, in paired runs (memory, embedded, Redis one after the other, `BENCH_RUNS` times): medians with
// min and max, the ratio paired run by run. (b) Takeover: real `rules-runner start` daemons on one local redis-server sharing an 8x8 SAPI
// subscription (emulator); the holder is killed with SIGKILL, or stopped with SIGTERM, and the time until
// another node holds the connection (`/api/instances`: role holder, connected) is measured, several times.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SapiEmulator } from '@switchboard/adapter-8x8/testing';
import { MemoryStateBackend } from '@switchboard/core/host';
import { EmbeddedStateBackend } from '@switchboard/state-embedded';
import { RedisStateBackend } from '@switchboard/state-redis';
import { spawnDaemon, startRedis, tempDir } from '@switchboard/test-support';
import { dispatcherPath } from './lib/dispatcherPath.mjs';
import { goalRow, runCount, spread } from './lib/runs.mjs';

/** The machine's 1-minute load average when the run started (and, below, when it ended). */
const loadAtStart = loadavg()[0];
const ms = Number(process.env.BENCH_MS ?? 1500);
const repeats = Number(process.env.BENCH_TAKEOVERS ?? 5);
const lease = { ttlMs: 3000, renewEveryMs: 1000 };
const token = 'bench-sapi-token';

const redis = await startRedis();
const dirs = [];
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'swb-bench-ha-'));
  dirs.push(dir);
  return dir;
};

async function onRedisNode() {
  const backend = new RedisStateBackend({
    url: redis.url,
    prefix: `bench-ha-${Date.now()}`,
    node: 'bench-1',
  });
  return dispatcherPath(backend, ms, {
    node: 'bench-1',
    leases: backend.leases(lease),
    cluster: { warmWindowMs: 10_000 },
  });
}

// Each run measures every state one after the other, so a slow minute weighs on all of them alike.
const states = [
  { state: 'memory', measure: () => dispatcherPath(new MemoryStateBackend(), ms) },
  {
    state: 'embedded (LMDB, the default)',
    measure: () => dispatcherPath(new EmbeddedStateBackend({ dir: stateDir() }), ms),
  },
  { state: 'Redis, one node of a cluster (local redis-server)', measure: onRedisNode },
];
const rates = states.map(() => []);
for (let run = 0; run < runCount; run++) {
  for (const [i, s] of states.entries()) rates[i].push(await s.measure());
  process.stderr.write(`ha path: dispatcher run ${run + 1} of ${runCount} done\n`);
}
/** Run i of `series` as a percentage of run i of `base` (measured back to back). */
const percentOf = (series, base) => spread(series.map((value, i) => (100 * value) / base[i]));
const dispatcher = states.map((s, i) => ({
  state: s.state,
  eventsPerSecond: spread(rates[i]),
  ofEmbedded: percentOf(rates[i], rates[1]),
}));
const onRedis = dispatcher[2].ofEmbedded;
const goals = [
  goalRow({
    id: 'redis-vs-embedded',
    figure: 'dispatcher path, one node on Redis',
    alternative: 'the same path on the embedded store (LMDB)',
    goal: '≥ 50%',
    value: onRedis,
    unit: '%',
    met: onRedis.median >= 50,
  }),
];

const sapi = await SapiEmulator.start({ tenant: 'acmecorp01', token });
const dir = await tempDir('swb-bench-ha-');
await dir.write('rules.yaml', 'rules: []\n');
const config = (id) => `adapters:
  cc:
    use: "@switchboard/adapter-8x8"
    options:
      sapi: { tenant: acmecorp01, token: "\${SAPI_TOKEN}", baseUrl: "${sapi.url}", retry: { initialMs: 100, maxMs: 500 } }
rules: [ rules.yaml ]
allowNoRules: true
state:
  redis:
    url: \${REDIS_URL}
    lease: { ttlMs: ${lease.ttlMs}, renewEveryMs: ${lease.renewEveryMs} }
node:
  id: ${id}
admin: { host: 127.0.0.1, port: 0 }
watch: false
log: { format: json, level: warn }
`;

let started = 0;
async function startNode() {
  started += 1;
  const id = `bench-node-${started}`;
  const file = await dir.write(`${id}.yaml`, config(id));
  const daemon = await spawnDaemon(file, {
    cwd: dir.path,
    env: { SAPI_TOKEN: token, REDIS_URL: redis.url },
    readyTimeoutMs: 30_000,
  });
  return { id, daemon };
}

async function holds(node) {
  try {
    const response = await fetch(`${node.daemon.admin}/api/instances`, { signal: AbortSignal.timeout(2000) });
    const [cc] = await response.json();
    return cc?.role === 'holder' && cc.status.state === 'connected';
  } catch {
    return false;
  }
}

async function until(check, what, timeoutMs = 20_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Ends the holder (`how`), measures until another node holds SAPI, then starts a replacement node. */
async function takeover(nodes, how) {
  const holder = (await Promise.all(nodes.map(holds))).findIndex(Boolean);
  if (holder < 0) throw new Error('no node holds SAPI');
  const [gone] = nodes.splice(holder, 1);
  const at = performance.now();
  if (how === 'kill') process.kill(-gone.daemon.process.pid, 'SIGKILL');
  const ended = how === 'kill' ? gone.daemon.exited : gone.daemon.stop();
  await until(async () => (await Promise.all(nodes.map(holds))).some(Boolean), 'a new holder');
  const took = performance.now() - at;
  await ended;
  await gone.daemon.stop('SIGKILL');
  nodes.push(await startNode());
  return took;
}

const nodes = [await startNode()];
await until(() => holds(nodes[0]), 'the first holder');
nodes.push(await startNode());
const takeovers = { kill: [], stop: [] };
try {
  for (const how of ['kill', 'stop']) {
    for (let i = 0; i < repeats; i++) takeovers[how].push(await takeover(nodes, how));
    process.stderr.write(`ha path: takeover after ${how} done\n`);
  }
} finally {
  await Promise.all(nodes.map((n) => n.daemon.stop('SIGKILL')));
  await sapi.close();
  await dir.remove();
  await redis.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

process.stdout.write(
  `${JSON.stringify({ benchmark: 'haPath', measured: new Date().toISOString().slice(0, 10), load: [loadAtStart, loadavg()[0]], lease, runs: runCount, dispatcher, takeovers, goals })}\n`,
);
