// Benchmark 3: streaming ingest. The 8x8 SAPI emulator streams NEWLINE_JSON (and NEWLINE_XML) as fast as
// loopback allows into the real daemon with the 8x8 adapter; beside it, a bare JSON.parse-per-line loop
// (and fast-xml-parser alone) over the same bytes in memory.
import { inboundCallEvents, SapiEmulator, serializeSapiEvent } from '@switchboard/adapter-8x8/testing';
import { spawnDaemon, waitFor } from '@switchboard/test-support';
import { XMLParser } from 'fast-xml-parser';
import { opsPerSecond } from './lib/measure.mjs';
import { tempConfig } from './lib/processes.mjs';

const calls = Number(process.env.BENCH_CALLS ?? 4000);
const token = 'bench-token-0123456789';

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
  const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, { cwd: dir });
  try {
    await waitFor(
      async () => (await fetch(`${daemon.admin}/readyz`)).status === 200,
      'the subscription',
      15_000,
    );
    const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(serializeSapiEvent(e, format)) + 1, 0);
    const started = performance.now();
    sapi.publishMany(events);
    let last = -1;
    let lastChange = performance.now();
    let finished = started;
    for (;;) {
      const n = await eventCount(daemon.admin);
      const now = performance.now();
      if (n !== last) {
        last = n;
        lastChange = now;
        finished = now;
      } else if (now - lastChange > 750) break;
      await new Promise((r) => setTimeout(r, 25));
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
  const eventsPerSecond = opsPerSecond(lines, 1500);
  return { eventsPerSecond, mbPerSecond: (eventsPerSecond / events.length) * (bytes / 2 ** 20) };
}

const events = wireEvents();
const result = { benchmark: 'streamingIngest', calls, json: {}, xml: {} };
for (const format of ['json', 'xml']) {
  result[format].daemon = await throughDaemon(format, events);
  result[format].bare = inMemory(format, events);
  process.stderr.write(`streaming ingest: ${format} done\n`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
