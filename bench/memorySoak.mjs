// Benchmark 8: the daemon's memory over a long run. The real daemon (`rules-runner start`, embedded
// durable state) gets BENCH_SOAK_EVENTS XucMgt web-service POSTs (default 1,000,000), each for a new call
// that never ends (XucMgt sends no hang-up), each answered from a rule; its RSS (split into anonymous
// memory and mapped files), peak RSS and V8 heap are sampled every BENCH_SOAK_EVENTS / 40 events.
// "Flat" (the goal): the anonymous RSS grows by at most 10% over the last half of the run, and stays
// within the bound the documented caps give (see the notes).
import { rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { spawnDaemon } from '@switchboard/test-support';
import { tempConfig } from './lib/processes.mjs';
import { processMemory } from './lib/processMemory.mjs';
import { goalRow, spread } from './lib/runs.mjs';
import { xucmgtConfigYaml, xucmgtRulesYaml } from './lib/xucmgtBench.mjs';

const total = Number(process.env.BENCH_SOAK_EVENTS ?? 1_000_000);
const inFlight = Number(process.env.BENCH_CONNECTIONS ?? 32);
const samples = 40;
const every = Math.max(1, Math.floor(total / samples));
/** Growth of the anonymous RSS allowed over the last half of the run. */
const flatPercent = 10;
// The caps that bound memory (defaults of `calls.max` and `dedupe.max`); a shorter run can scale them down
// so that they fill early (BENCH_SOAK_CALLS_MAX, BENCH_SOAK_DEDUPE_MAX).
const callsMax = Number(process.env.BENCH_SOAK_CALLS_MAX ?? 100_000);
const dedupeMax = Number(process.env.BENCH_SOAK_DEDUPE_MAX ?? 500_000);

const dir = await tempConfig({
  'switchboard.yaml': xucmgtConfigYaml({
    admin: true,
    extra: `calls: { max: ${callsMax} }\ndedupe: { max: ${dedupeMax} }\n`,
  }),
  'rules.yaml': xucmgtRulesYaml,
});
const stateDir = `${dir}/state`;
const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, {
  cwd: dir,
  env: { SWITCHBOARD_STATE_DIR: stateDir },
});
/** Bytes of the LMDB file in the state folder (its mapped pages are the "mapped files" part of RSS). */
const stateBytes = () => {
  try {
    return statSync(`${stateDir}/store/data.mdb`).size;
  } catch {
    return Number.NaN;
  }
};
const target = new URL(`${daemon.address}/adapters/xucmgt`);
const agent = new Agent({ keepAlive: true, maxSockets: inFlight });

/** A 2024 request of a call of its own: `callDataCallId` and `SIPCALLID` are new for each. */
const bodyOf = (i) =>
  JSON.stringify({
    user: {
      userId: 4,
      agentId: 1 + (i % 200),
      fullName: 'James Bond',
      token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln',
    },
    callee: '1000',
    caller: String(1_000_000 + i),
    queue: { id: 2, name: 'trucks', displayName: 'Trucks', number: '3001' },
    userData: { XIVO_CONTEXT: 'default', XIVO_USERID: '2', SIPCALLID: `soak-${i}@192.168.56.3` },
    callDataCallId: `1717000000.${i}`,
    clientVersion: '2024.05.07',
  });

const post = (i) =>
  new Promise((resolve, reject) => {
    const body = bodyOf(i);
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve(res.statusCode === 200 && text.includes('"open"')));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

async function heapUsed() {
  const text = await (await fetch(`${daemon.admin}/metrics`)).text();
  const match = /^switchboard_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

const points = [];
const sample = async (events, seconds) => {
  const memory = processMemory(daemon.process.pid);
  points.push({ events, seconds, heapUsed: await heapUsed(), stateBytes: stateBytes(), ...memory });
};

const started = performance.now();
await sample(0, 0);
let next = 0;
let failed = 0;
let sampling = Promise.resolve();
let nextSample = every;
let done = 0;
async function worker() {
  while (next < total) {
    const i = next++;
    if (!(await post(i))) failed += 1;
    done += 1;
    if (done >= nextSample) {
      nextSample += every;
      const at = done;
      sampling = sampling.then(() => sample(at, (performance.now() - started) / 1000));
      if (at % (every * 10) === 0) process.stderr.write(`${at} events\n`);
    }
  }
}
await Promise.all(Array.from({ length: inFlight }, worker));
await sampling;
const seconds = (performance.now() - started) / 1000;
const final = processMemory(daemon.process.pid);
await daemon.stop();
rmSync(dir, { recursive: true, force: true });
agent.destroy();

const half = points.find((p) => p.events >= total / 2) ?? points[0];
const last = points.at(-1);
const warm = points.find((p) => p.events >= total / 10) ?? points[0];
const growth = (name) => (100 * (last[name] - half[name])) / half[name];
// Slope over the last half: bytes per 1,000 events, by least squares over its samples.
const slope = (name) => {
  const tail = points.filter((p) => p.events >= half.events);
  const mx = tail.reduce((s, p) => s + p.events, 0) / tail.length;
  const my = tail.reduce((s, p) => s + p[name], 0) / tail.length;
  const num = tail.reduce((s, p) => s + (p.events - mx) * (p[name] - my), 0);
  const den = tail.reduce((s, p) => s + (p.events - mx) ** 2, 0);
  return den === 0 ? 0 : (1000 * num) / den;
};
// One sample of the growth per tenth of the last half, so the goal row shows a spread, not one number.
const tail = points.filter((p) => p.events >= half.events);
const anonGrowth = spread(tail.slice(1).map((p) => (100 * (p.rssAnon - half.rssAnon)) / half.rssAnon));
const lastGrowth = growth('rssAnon');
const mib = 2 ** 20;

process.stdout.write(
  `${JSON.stringify({
    benchmark: 'memorySoak',
    events: total,
    inFlight,
    caps: { callsMax, dedupeMax },
    seconds,
    eventsPerSecond: total / seconds,
    failed,
    warm,
    half,
    last,
    peakRss: final?.peakRss,
    growthPercent: {
      rss: growth('rss'),
      rssAnon: lastGrowth,
      rssFile: growth('rssFile'),
      heapUsed: growth('heapUsed'),
    },
    slopeBytesPerThousand: {
      rss: slope('rss'),
      rssAnon: slope('rssAnon'),
      rssFile: slope('rssFile'),
      heapUsed: slope('heapUsed'),
    },
    flatPercent,
    points,
    goals: [
      goalRow({
        id: 'memorySoak',
        figure: `anonymous RSS growth over the last half of ${total.toLocaleString('en-US')} events, each a new call`,
        alternative: `the RSS at ${(total / 2).toLocaleString('en-US')} events (${Math.round(half.rssAnon / mib)} MiB)`,
        goal: `flat: ≤ ${flatPercent}%`,
        value: anonGrowth,
        unit: '%',
        met: failed === 0 && lastGrowth <= flatPercent && anonGrowth.median <= flatPercent,
      }),
    ],
  })}\n`,
);
