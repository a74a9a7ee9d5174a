// Benchmark 2: end-to-end latency. xCALLY emulator → rules-runner → AgentCTI back at the emulator over
// loopback, at fixed event rates; beside it, in the same run, a template.js-style script as the floor.
import { XcallyEmulator } from '@switchboard/adapter-xcally/testing';
import { spawnDaemon } from '@switchboard/test-support';
import { percentiles } from './lib/measure.mjs';
import { startNodeScript, stop, tempConfig } from './lib/processes.mjs';
import { goalRow, pairedRatio, repeat, runCount, spread } from './lib/runs.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rates = (process.env.BENCH_RATES ?? '100,1000').split(',').map(Number);
const template = new URL('./lib/templateScript.mjs', import.meta.url).pathname;

const upEvent = (n) => ({
  event: 'up',
  queue: 'Sales',
  agentname: 'Andrea Bianco',
  agentnum: '1000',
  peer: 'SIP/andrea.bianco',
  direction: 'inbound',
  uniqueid: `bench.${n}`,
  callernum: '1003',
  callername: 'telephone',
  holdtime: '2',
  ringtime: '0',
  up: true,
});

/** Sends `up` events at `rate`/s for `seconds`; resolves with the latency of each AgentCTI (ms). */
async function drive(emulator, rate) {
  const sentAt = new Map();
  const latencies = [];
  const off = emulator.onCommand((command) => {
    if (command.name !== 'AgentCTI') return;
    const id = new URL(command.payload.url).searchParams.get('call');
    const t = sentAt.get(id);
    if (t !== undefined) {
      latencies.push(performance.now() - t);
      sentAt.delete(id);
    }
  });
  const total = rate * seconds;
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (sent < due) {
      const id = `bench.${sent}`;
      sentAt.set(id, performance.now());
      emulator.emit(upEvent(sent));
      sent += 1;
    }
    await new Promise((r) => setTimeout(r, 1));
    if (sent % 5000 === 0) emulator.clearReceived();
  }
  await new Promise((r) => setTimeout(r, 1000));
  off();
  emulator.clearReceived();
  return { ...percentiles(latencies), lost: sentAt.size, sent: total };
}

async function withSwitchboard(rate) {
  const emulator = await XcallyEmulator.start({ profile: 'v4' });
  const url = emulator.url;
  const dir = await tempConfig({
    'switchboard.yaml': `adapters:
  xcally:
    use: "@switchboard/adapter-xcally"
    options: { url: "${url}", protocol: v4, transports: [ websocket ] }
rules: [ rules.yaml ]
admin: { enabled: false }
watch: false
log: { level: warn, format: json }
`,
    'rules.yaml': `rules:
  - name: sales-popup
    on: call.answered
    if: { "==": [ { var: call.queue }, "Sales" ] }
    do:
      - wakeup: { url: "http://crm.example/sales?call={{ call.id }}", mode: new_frame }
`,
  });
  const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, { cwd: dir });
  try {
    await emulator.waitForClients(1, 10_000);
    return await drive(emulator, rate);
  } finally {
    await daemon.stop();
    await emulator.close();
  }
}

async function withTemplateScript(rate) {
  const emulator = await XcallyEmulator.start({ profile: 'v4' });
  const url = emulator.url;
  const script = await startNodeScript(template, [url]);
  try {
    await emulator.waitForClients(1, 10_000);
    return await drive(emulator, rate);
  } finally {
    await stop(script.child);
    await emulator.close();
  }
}

// Each run measures every rate with the floor and then Switchboard, back to back (fresh processes each
// time), so each run's ratio compares the two paths under the same machine load.
const runs = await repeat(async (run) => {
  const figures = {};
  for (const rate of rates) {
    const floor = await withTemplateScript(rate);
    const switchboard = await withSwitchboard(rate);
    figures[rate] = { templateJs: floor, switchboard };
  }
  process.stderr.write(`latency: run ${run + 1} of ${runCount} done\n`);
  return figures;
});

const metrics = ['p50', 'p99', 'p999', 'max', 'lost'];
const summary = (rate, path) =>
  Object.fromEntries(metrics.map((m) => [m, spread(runs.map((figures) => figures[rate][path][m]))]));
const p99s = (rate, path) => runs.map((figures) => figures[rate][path].p99);
const rows = rates.map((rate) => ({
  rate,
  seconds,
  templateJs: summary(rate, 'templateJs'),
  switchboard: summary(rate, 'switchboard'),
  p99Ratio: pairedRatio(p99s(rate, 'switchboard'), p99s(rate, 'templateJs')),
  // Runs in which either path left events unanswered past the window have no meaningful p99.
  lossyRuns: runs.filter((figures) => figures[rate].switchboard.lost > 0 || figures[rate].templateJs.lost > 0)
    .length,
}));
const at1000 = rows.find((row) => row.rate === 1000);
const goals = at1000
  ? [
      goalRow({
        id: 'latency-p99-1000',
        figure: 'end-to-end p99 at 1,000 events/s (xCALLY emulator → daemon → AgentCTI)',
        alternative: 'a template.js-style script (the floor)',
        goal: '≤ 1.5×',
        value: at1000.p99Ratio,
        unit: '×',
        // A run that lost answers counts against the goal, whatever the p99 of what arrived.
        met: at1000.p99Ratio.median <= 1.5 && at1000.lossyRuns <= runCount / 2,
      }),
    ]
  : [];
process.stdout.write(`${JSON.stringify({ benchmark: 'endToEndLatency', runs: runCount, rows, goals })}\n`);
