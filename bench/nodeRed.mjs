// Benchmark 8: Switchboard beside Node-RED 4.1 on the same Node, doing the same two jobs, plus the
// transport floor. (a) webhook → rule → HTTP GET to a local sink: the daemon (webhook adapter, bearer token,
// a rule on event type and queue, an `http` action with values encoded in the URL), an equivalent Node-RED
// flow, and a bare node:http + undici relay; the sink counts what arrives, so loss is counted. (b) request
// → decision → JSON answer: the XucMgt web service (`?key=` secret, a rule, thirdPartyOpen) against a
// Node-RED flow of switch + change nodes and against the best-tuned flow (one `function` node).
// Each round starts every server afresh (so peak RSS is one sample per round), one after the other in an
// order that rotates with the round, and measures: saturation (requests/s), then p50/p99 at a fixed rate.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { answerJob, webhookJob } from './lib/nodeRed/jobs.mjs';
import { loadRun } from './lib/nodeRed/loadRun.mjs';
import { ensureNodeRed, nodeRedVersion } from './lib/nodeRed/nodeRedServer.mjs';
import { peakRss, pin, pinning, startScript } from './lib/nodeRed/processes.mjs';
import { tempConfig } from './lib/processes.mjs';
import { goalRow, pairedRatio, runCount, spread } from './lib/runs.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const webhookRate = Number(process.env.BENCH_WEBHOOK_RATE ?? 250);
const answerRate = Number(process.env.BENCH_ANSWER_RATE ?? 500);
const warmupSeconds = 1;
const log = (line) => process.stderr.write(`${line}\n`);

ensureNodeRed();
if (pinning) pin(process.pid, pinning.load);
const tmp = await tempConfig({});
const sink = await startScript(fileURLToPath(new URL('./lib/nodeRed/sink.mjs', import.meta.url)));
if (pinning) pin(sink.child.pid, pinning.load);
const sinkUrl = `http://127.0.0.1:${sink.ready.port}`;

/** Counts at the sink since the last check, against the call ids answered 2xx. */
async function sinkCheck(answered) {
  // A request still in flight when autocannon stopped may reach the sink just after: let it land.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const res = await fetch(`${sinkUrl}/__check`, { method: 'POST', body: JSON.stringify(answered) });
  return res.json();
}

/**
 * Runs one job: `runCount` rounds. In each, every server is started afresh and checked; then, in an order
 * that rotates with the round, each is warmed up and loaded to saturation; then each is loaded at the
 * round's fixed rate: `rate`, or half the slowest server's saturation throughput of the round if that is
 * lower (so it is a rate all of them sustain on the machine at hand); then each one's peak RSS is read.
 */
async function runJob(name, job, rate, countAtSink) {
  const names = Object.keys(job.servers);
  const rows = Object.fromEntries(names.map((n) => [n, { saturation: [], fixed: [], peakRss: [] }]));
  const targets = {};
  const rates = [];
  // Each run's sink counts are taken (and reset) right after it.
  const measured = async (r) => ({
    requestsPerSecond: r.requestsPerSecond,
    p50: r.p50,
    p99: r.p99,
    errors: r.errors,
    ...(countAtSink ? { sink: await sinkCheck(r.answered) } : {}),
  });
  for (let round = 0; round < runCount; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    const started = {};
    try {
      for (const server of order) {
        started[server] = await job.servers[server]();
        if (pinning) pin(started[server].pid, pinning.servers);
        targets[server] = started[server].target;
      }
      const load = (server, duration, fixedRate) =>
        loadRun({
          url: started[server].url,
          headers: started[server].headers,
          request: job.request,
          connections,
          duration,
          rate: fixedRate,
        });
      for (const server of order) {
        await load(server, warmupSeconds);
        if (countAtSink) await sinkCheck([]);
        rows[server].saturation.push(await measured(await load(server, seconds)));
      }
      const slowest = Math.min(...order.map((server) => rows[server].saturation.at(-1).requestsPerSecond));
      const roundRate = Math.max(1, Math.min(rate, Math.floor(slowest / 2)));
      rates.push(roundRate);
      for (const server of order)
        rows[server].fixed.push(await measured(await load(server, seconds, roundRate)));
      for (const server of order) {
        rows[server].peakRss.push(peakRss(started[server].pid));
        log(
          `${name} round ${round + 1}/${runCount} ${server}: ${Math.round(rows[server].saturation.at(-1).requestsPerSecond)} req/s, p99 at ${roundRate}/s ${rows[server].fixed.at(-1).p99.toFixed(2)} ms, peak RSS ${Math.round(rows[server].peakRss.at(-1) / 2 ** 20)} MiB`,
        );
      }
    } finally {
      for (const server of Object.values(started)) await server.stop();
    }
  }
  const sum = (list, pick) => list.reduce((total, row) => total + pick(row), 0);
  const result = {};
  for (const server of names) {
    const { saturation, fixed, peakRss: rss } = rows[server];
    const lossOf = (list) =>
      countAtSink
        ? {
            lost: sum(list, (r) => r.sink.lost),
            doubled: sum(list, (r) => r.sink.doubled),
            answered: sum(list, (r) => r.sink.answered),
          }
        : {};
    result[server] = {
      requestsPerSecond: spread(saturation.map((r) => r.requestsPerSecond)),
      saturationErrors: sum(saturation, (r) => r.errors),
      saturationSink: lossOf(saturation),
      fixedRate: rate,
      roundRates: rates,
      fixedAchieved: spread(fixed.map((r) => r.requestsPerSecond)),
      // A p99 "at a fixed rate" means something only if the server kept up with that rate.
      sustained: fixed.every((r, i) => r.requestsPerSecond >= 0.95 * rates[i]),
      p50: spread(fixed.map((r) => r.p50)),
      p99: spread(fixed.map((r) => r.p99)),
      fixedErrors: sum(fixed, (r) => r.errors),
      fixedSink: lossOf(fixed),
      peakRssMiB: spread(rss.map((b) => b / 2 ** 20)),
      target: targets[server],
    };
  }
  return result;
}

const values = (s) => s.values;
/** The fixed rate of a job's rounds, said plainly. */
const rateText = (server) => {
  const used = spread(server.roundRates);
  return used.min === server.fixedRate
    ? `${server.fixedRate}/s`
    : `${Math.round(used.median)}/s (median of the rounds' rates, half the slowest saturation; ${server.fixedRate}/s was not sustainable here)`;
};
const perRun = (a, b, pick) => values(a).map((v, i) => pick(v, values(b)[i]));

try {
  const webhook = await runJob('webhook', webhookJob({ sink: sinkUrl, tmp }), webhookRate, true);
  const answer = await runJob('answer', answerJob({ tmp }), answerRate, false);

  // The best-tuned Node-RED flow of each round: the faster one for throughput, the lower p99 and the
  // smaller peak RSS (the function-node flow in every run so far, but decided per round, not assumed).
  const bestRps = perRun(
    answer.nodeRedNodes.requestsPerSecond,
    answer.nodeRedFunction.requestsPerSecond,
    Math.max,
  );
  const bestP99 = perRun(answer.nodeRedNodes.p99, answer.nodeRedFunction.p99, Math.min);
  const leastRss = perRun(answer.nodeRedNodes.peakRssMiB, answer.nodeRedFunction.peakRssMiB, Math.min);
  const webhookRss = pairedRatio(values(webhook.switchboard.peakRssMiB), values(webhook.nodeRed.peakRssMiB));
  const answerRss = pairedRatio(values(answer.switchboard.peakRssMiB), leastRss);
  const worseRss = spread(webhookRss.values.map((v, i) => Math.max(v, answerRss.values[i])));

  const ratio = (a, b) => pairedRatio(values(a), Array.isArray(b) ? b : values(b));
  const webhookThroughput = ratio(webhook.switchboard.requestsPerSecond, webhook.nodeRed.requestsPerSecond);
  const webhookP99 = ratio(webhook.switchboard.p99, webhook.nodeRed.p99);
  const relayShare = pairedRatio(
    values(webhook.switchboard.requestsPerSecond).map((v) => 100 * v),
    values(webhook.relay.requestsPerSecond),
  );
  const answerThroughput = ratio(answer.switchboard.requestsPerSecond, bestRps);
  const answerP99 = ratio(answer.switchboard.p99, bestP99);
  const nodeRed = `Node-RED ${nodeRedVersion()}`;

  const goals = [
    goalRow({
      id: 'nodered-webhook-throughput',
      figure: 'webhook → rule → HTTP GET, throughput at saturation, same Node version',
      alternative: `${nodeRed}, equivalent flow (switch, change, http request)`,
      goal: '≥ 5×',
      value: webhookThroughput,
      unit: '×',
      met: webhookThroughput.median >= 5,
    }),
    goalRow({
      id: 'nodered-webhook-p99',
      figure: `webhook → rule → HTTP GET, p99 at ${rateText(webhook.switchboard)}`,
      alternative: `${nodeRed}, equivalent flow`,
      goal: '≤ 0.2×',
      value: webhookP99,
      unit: '×',
      met: webhookP99.median <= 0.2,
    }),
    goalRow({
      id: 'relay-webhook-throughput',
      figure: 'webhook → rule → HTTP GET, throughput at saturation',
      alternative: 'bare node:http + undici relay (the transport floor)',
      goal: '≥ 50%',
      value: relayShare,
      unit: '%',
      met: relayShare.median >= 50,
    }),
    goalRow({
      id: 'nodered-answer-throughput',
      figure: 'request → decision → JSON answer (XucMgt web service), throughput at saturation',
      alternative: `${nodeRed}, best-tuned flow of each round (one function node)`,
      goal: '≥ 6×',
      value: answerThroughput,
      unit: '×',
      met: answerThroughput.median >= 6,
    }),
    goalRow({
      id: 'nodered-answer-p99',
      figure: `request → decision → JSON answer, p99 at ${rateText(answer.switchboard)}`,
      alternative: `${nodeRed}, best-tuned flow of each round`,
      goal: '≤ 0.1×',
      value: answerP99,
      unit: '×',
      met: answerP99.median <= 0.1,
    }),
    goalRow({
      id: 'nodered-peak-rss',
      figure: 'peak RSS under the same saturating load (the worse of the two jobs per round)',
      alternative: `${nodeRed} (job b: the smaller of its two flows)`,
      goal: '≤ 1×',
      value: worseRss,
      unit: '×',
      met: worseRss.median <= 1,
    }),
  ];

  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'nodeRed',
      node: process.version,
      nodeRed: nodeRedVersion(),
      seconds,
      warmupSeconds,
      connections,
      runs: runCount,
      pinning: pinning
        ? `servers on CPU ${pinning.servers}; autocannon (this process) and the sink on CPU ${pinning.load} (taskset)`
        : 'no pinning (taskset missing or one CPU)',
      webhook,
      answer,
      ratios: {
        webhookThroughput,
        webhookP99,
        relayShare,
        answerThroughput,
        answerP99,
        webhookRss,
        answerRss,
      },
      goals,
    })}\n`,
  );
} finally {
  await sink.stop();
  // The config folders and Node-RED user dirs of this run.
  await rm(tmp, { recursive: true, force: true });
}
