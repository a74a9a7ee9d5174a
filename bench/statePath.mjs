// Benchmark 6: the state store. (a) The de-duplication path alone: 50,000 setIfAbsent with a TTL, 100 per
// event-loop turn (one commit per turn), 10 % repeats, on each engine at the same guarantee (what a
// SIGKILL cannot undo). (b) The dispatcher path (schema check, ledger, call vars, an at-most-once action
// with its markers) with state in memory vs on disk, in paired runs (memory, embedded, Redis one after the
// other, `BENCH_RUNS` times): each figure is the median with min and max, the ratio paired run by run. better-sqlite3 is not a dependency (it compiles from
// source on install): it is measured when BENCH_SQLITE names an installed copy (a path to its folder).
// Redis (state-redis, several daemons sharing one store) is measured on a local redis-server started for
// the run, when one is installed (BENCH_REDIS=0 skips it): one node, over loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryStateBackend } from '@switchboard/core/host';
import { MemoryStateStore } from '@switchboard/core/testing';
import { EmbeddedStateBackend } from '@switchboard/state-embedded';
import { RedisStateBackend } from '@switchboard/state-redis';
import { startRedis } from '@switchboard/test-support';
import { dispatcherPath } from './lib/dispatcherPath.mjs';
import { goalRow, repeat, runCount, spread } from './lib/runs.mjs';

/** The machine's 1-minute load average when the run started (and, below, when it ended). */
const loadAtStart = loadavg()[0];
const total = Number(process.env.BENCH_STATE_OPS ?? 50_000);
const perTurn = 100;
const ms = Number(process.env.BENCH_MS ?? 1500);
const ttlMs = 3 * 3600_000;
const dirs = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'swb-bench-state-'));
  dirs.push(dir);
  return dir;
};

/** Ids for the de-dup run: every tenth one repeats an earlier id. */
const ids = Array.from({ length: total }, (_, i) => (i % 10 === 9 ? `evt-${i - 5}` : `evt-${i}`));
const distinct = new Set(ids).size;

/** Runs the ids through `setIfAbsent`, `perTurn` per turn, each turn's promises awaited; ops/s. */
async function dedupe(setIfAbsent) {
  const start = performance.now();
  let written = 0;
  for (let i = 0; i < total; i += perTurn) {
    const turn = ids.slice(i, i + perTurn).map((id) => setIfAbsent(`c/evt/${id}`, { s: 'pending', at: i }));
    for (const fresh of await Promise.all(turn)) if (fresh) written += 1;
  }
  const rate = (total * 1000) / (performance.now() - start);
  if (written !== distinct) throw new Error(`de-dup wrote ${written} of ${distinct}`);
  return rate;
}

async function dedupeMemory() {
  const store = new MemoryStateStore();
  return dedupe((key, value) => store.setIfAbsent(key, value, { ttlMs }));
}

async function dedupeEmbedded(durability) {
  const backend = new EmbeddedStateBackend({ dir: tempDir(), durability });
  await backend.open();
  const store = backend.namespace('pbx');
  const rate = await dedupe((key, value) => store.setIfAbsent(key, value, { ttlMs }));
  await backend.close();
  return rate;
}

async function dedupeRedis(url) {
  const backend = new RedisStateBackend({ url, prefix: `bench-${Date.now()}` });
  await backend.open();
  const store = backend.namespace('pbx');
  const rate = await dedupe((key, value) => store.setIfAbsent(key, value, { ttlMs }));
  await backend.close();
  return rate;
}

/** better-sqlite3 with the same batching: ops queued in a turn run in one transaction at setImmediate. */
async function dedupeSqlite(synchronous) {
  const Database = (await import(join(process.env.BENCH_SQLITE, 'lib', 'index.js'))).default;
  const db = new Database(join(tempDir(), 'state.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB NOT NULL, exp INTEGER) WITHOUT ROWID');
  const insert = db.prepare(
    'INSERT INTO kv (k, v, exp) VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v, exp = excluded.exp WHERE kv.exp IS NOT NULL AND kv.exp <= ?',
  );
  let queue = [];
  const commit = db.transaction((ops) =>
    ops.map(({ key, value, now }) => insert.run(key, value, now + ttlMs, now).changes === 1),
  );
  const setIfAbsent = (key, value) =>
    new Promise((resolve, reject) => {
      if (queue.length === 0) {
        setImmediate(() => {
          const ops = queue;
          queue = [];
          try {
            const results = commit(ops);
            for (const [i, op] of ops.entries()) op.resolve(results[i]);
          } catch (error) {
            for (const op of ops) op.reject(error);
          }
        });
      }
      queue.push({ key, value: JSON.stringify(value), now: Date.now(), resolve, reject });
    });
  const rate = await dedupe(setIfAbsent);
  db.close();
  return rate;
}

const engines = [
  { engine: 'memory (tests, replay)', guarantee: 'none: gone with the process', run: dedupeMemory },
];
engines.push({
  engine: 'LMDB via lmdb 3.5.6 (state-embedded, default `durability: process`)',
  guarantee: 'survives a process crash',
  run: () => dedupeEmbedded('process'),
});
engines.push({
  engine: 'LMDB via lmdb 3.5.6 (state-embedded, `durability: power`)',
  guarantee: 'survives a power loss',
  run: () => dedupeEmbedded('power'),
});
if (process.env.BENCH_SQLITE) {
  engines.push({
    engine: 'SQLite via better-sqlite3 12.11.1, WAL, synchronous=NORMAL',
    guarantee: 'survives a process crash',
    run: () => dedupeSqlite('NORMAL'),
  });
  engines.push({
    engine: 'SQLite via better-sqlite3 12.11.1, WAL, synchronous=FULL',
    guarantee: 'survives a power loss',
    run: () => dedupeSqlite('FULL'),
  });
}
// A local redis-server without persistence: the figure is the backend's cost (scripts, round trips), not
// Redis's fsync policy (AOF `everysec` in production costs Redis little; `always` is another matter).
const redis = process.env.BENCH_REDIS === '0' ? undefined : await startRedis().catch(() => undefined);
if (redis) {
  engines.push({
    engine: 'Redis 7.0 via state-redis (ioredis 5, local redis-server, no persistence)',
    guarantee: "a Redis crash: Redis's persistence setting",
    run: () => dedupeRedis(redis.url),
  });
}
const dedupeRows = [];
for (const e of engines) {
  dedupeRows.push({ engine: e.engine, guarantee: e.guarantee, opsPerSecond: spread(await repeat(e.run)) });
  process.stderr.write(`state path: ${e.engine} done\n`);
}

// Each run measures every state one after the other, so a slow minute weighs on all of them alike.
const states = [
  { state: 'memory', backend: () => new MemoryStateBackend() },
  {
    state: 'embedded (LMDB, ledger + call vars + markers)',
    backend: () => new EmbeddedStateBackend({ dir: tempDir() }),
  },
];
if (redis) {
  states.push({
    state: 'Redis (state-redis, one node, local redis-server)',
    backend: () => new RedisStateBackend({ url: redis.url, prefix: `bench-d-${Date.now()}` }),
  });
}
const rates = states.map(() => []);
for (let run = 0; run < runCount; run++) {
  for (const [i, s] of states.entries()) rates[i].push(await dispatcherPath(s.backend(), ms));
  process.stderr.write(`state path: dispatcher run ${run + 1} of ${runCount} done\n`);
}
await redis?.close();
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });

/** Run i of `series` as a percentage of run i of `base` (measured back to back). */
const percentOf = (series, base) => spread(series.map((value, i) => (100 * value) / base[i]));
const dispatcherRows = states.map((s, i) => ({
  state: s.state,
  eventsPerSecond: spread(rates[i]),
  ofMemory: percentOf(rates[i], rates[0]),
}));
const durable = dispatcherRows[1].ofMemory;
const goals = [
  goalRow({
    id: 'durable-vs-memory',
    figure: 'dispatcher path with the durable store on (embedded LMDB)',
    alternative: 'the same path with state in memory',
    goal: '≥ 80%',
    value: durable,
    unit: '%',
    met: durable.median >= 80,
  }),
];
process.stdout.write(
  `${JSON.stringify({ benchmark: 'statePath', measured: new Date().toISOString().slice(0, 10), load: [loadAtStart, loadavg()[0]], total, perTurn, runs: runCount, dedupe: dedupeRows, dispatcher: dispatcherRows, goals })}\n`,
);
