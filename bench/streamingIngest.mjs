// Benchmark 3: streaming ingest. The 8x8 SAPI emulator streams NEWLINE_JSON (and NEWLINE_XML) as fast as
// loopback allows into the real daemon with the 8x8 adapter (embedded LMDB state, the default); beside it,
// in the same run, a bare JSON.parse-per-line loop (and fast-xml-parser alone) over the same bytes in memory.
// Each run starts a fresh daemon on fresh state; every figure is the median of BENCH_RUNS runs (≥ 5).
// BENCH_PROFILE=<folder>: each daemon leaves a CPU profile there (bench/lib/cpuProfile.mjs).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { inboundCallEvents, SapiEmulator, serializeSapiEvent } from '@switchboard/adapter-8x8/testing';
import { spawnDaemon, waitFor } from '@switchboard/test-support';
import { XMLParser } from 'fast-xml-parser';
import { tempConfig } from './lib/processes.mjs';
import { goalRow, pairedRatio, repeat, runCount, spread } from './lib/runs.mjs';

const calls = Number(process.env.BENCH_CALLS ?? 4000);
/** `BENCH_FORMATS=json` measures NEWLINE_JSON only (the goal's row), e.g. while profiling. */
const formats = (process.env.BENCH_FORMATS ?? 'json,xml').split(',');
const profileDir = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined;
const token = 'bench-token-0123456789';
/**
 * The daemon is done when every event was dispatched; should some never come, when its count stood still
 * this long (long: on a loaded machine the daemon can wait seconds for a core).
 */
const idleMs = 10_000;
const pollMs = 20;

function wireEvents() {
  const out = [];
  for (let i = 0; i < calls; i++) {
    out.push(
      ...inboundCallEvents(`int-${i}-phone-00-acme`, {
        queue: `Q${i % 20}`,
        agentId: `a${i % 50}`,
        caller: `+1555${i}`,
        talkSeconds: 30,
      }),
    );
  }
  return out;
}

async function eventCount(admin) {
  const text = await (await fetch(`${admin}/metrics`)).text();
  let n = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('switchboard_events_total{source="cc"') && !line.includes('type="adapter.'))
      n += Number(line.split(' ').pop());
  }
  return n;
}

async function throughDaemon(format, events) {
  const sapi = await SapiEmulator.start({ tenant: 'acme', token });
  const url = sapi.url;
  const dir = await tempConfig({
    'switchboard.yaml': `adapters:
  cc:
    use: "@switchboard/adapter-8x8"
    options:
      sapi: { tenant: acme, token: "${token}", baseUrl: "${url}", outputType: ${format === 'json' ? 'NEWLINE_JSON' : 'NEWLINE_XML'}, atmosphere: false }
rules: []
allowNoRules: true
watch: false
state: { dir: state }
log: { level: warn, format: json }
`,
  });
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const env = profileDir
    ? {
        NODE_OPTIONS: `--import ${new URL('./lib/cpuProfile.mjs', import.meta.url)}`,
        BENCH_PROFILE: profileDir,
      }
    : {};
  const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, { cwd: dir, env });
  try {
    await waitFor(
      async () => (await fetch(`${daemon.admin}/readyz`)).status === 200,
      'the subscription',
      15_000,
    );
    const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(serializeSapiEvent(e, format)) + 1, 0);
    // The emulator encodes the whole batch before its first byte goes out: the clock starts after that.
    sapi.publishMany(events);
    const started = performance.now();
    let last = -1;
    let lastChange = started;
    let finished = started;
    for (;;) {
      const n = await eventCount(daemon.admin);
      const now = performance.now();
      if (n !== last) {
        last = n;
        lastChange = now;
        finished = now;
        if (n >= events.length) break;
      } else if (now - lastChange > idleMs) break;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    const seconds = (finished - started) / 1000;
    return {
      events: last,
      wireEvents: events.length,
      seconds,
      eventsPerSecond: last / seconds,
      mbPerSecond: bytes / 2 ** 20 / seconds,
    };
  } finally {
    await daemon.stop();
    await sapi.close();
  }
}

function inMemory(format, events) {
  const text = events.map((e) => serializeSapiEvent(e, format)).join('\n');
  const bytes = Buffer.byteLength(text);
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: true });
  const lines = () => {
    let count = 0;
    for (const line of text.split('\n')) {
      if (format === 'json') JSON.parse(line);
      else parser.parse(line);
      count += 1;
    }
    return count;
  };
  // Two passes warm up (opsPerSecond's 50 would take minutes for XML, in each of the runs); then whole
  // passes for 1.5 s.
  lines();
  lines();
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < 1500) {
    count += lines();
    now = performance.now();
  }
  const eventsPerSecond = (count * 1000) / (now - start);
  return { eventsPerSecond, mbPerSecond: (eventsPerSecond / events.length) * (bytes / 2 ** 20) };
}

/** One figure's runs: the median, min and max of each field. */
function summary(runs) {
  const out = {};
  for (const key of Object.keys(runs[0])) out[key] = spread(runs.map((r) => r[key]));
  return out;
}

const events = wireEvents();
const result = { benchmark: 'streamingIngest', calls, runs: runCount, json: {}, xml: {} };
for (const format of formats) {
  // Daemon and bare loop back to back in each run, so the ratio pairs figures taken under the same load.
  const runs = await repeat(async (run) => {
    const daemon = await throughDaemon(format, events);
    const bare = inMemory(format, events);
    process.stderr.write(
      `streaming ingest ${format} run ${run + 1}/${runCount}: daemon ${Math.round(daemon.eventsPerSecond)} events/s (${daemon.events}/${daemon.wireEvents}), bare ${Math.round(bare.eventsPerSecond)}\n`,
    );
    return { daemon, bare };
  });
  result[format] = {
    daemon: summary(runs.map((r) => r.daemon)),
    bare: summary(runs.map((r) => r.bare)),
    percentOfBare: pairedRatio(
      runs.map((r) => 100 * r.daemon.eventsPerSecond),
      runs.map((r) => r.bare.eventsPerSecond),
    ),
  };
}
const jsonShare = result.json.percentOfBare;
result.goals = [
  goalRow({
    id: 'sapi-ingest',
    figure: 'SAPI NEWLINE_JSON ingest: emulator → daemon (8x8 adapter, embedded state), events/s',
    alternative: '`JSON.parse` per line over the same bytes, in memory',
    goal: '≥ 50%',
    value: jsonShare,
    unit: '%',
    met: jsonShare.median >= 50,
  }),
];
process.stdout.write(`${JSON.stringify(result)}\n`);
