// Turns the raw figures into docs/benchmarks.md: one table per benchmark and the goals next to them.
import { readFileSync } from 'node:fs';
import { fmt } from './measure.mjs';

const notes = readFileSync(new URL('../notes.md', import.meta.url), 'utf8');

const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const goal = (ok) => (ok ? 'met' : '**missed**');

/** A spread as `median (min–max)`, or a plain number from an older single-run result. */
const med = (v, digits = 0) =>
  typeof v === 'number'
    ? fmt(v, digits)
    : `${fmt(v.median, digits)} (${fmt(v.min, digits)}–${fmt(v.max, digits)})`;
const medX = (v) =>
  `${fmt(v.median, v.median >= 100 ? 0 : 1)}× (${fmt(v.min, v.min >= 100 ? 0 : 1)}–${fmt(v.max, v.max >= 100 ? 0 : 1)})`;
const median = (v) => (typeof v === 'number' ? v : v.median);

function rulesThroughput(r) {
  const rows = r.rows.map((row) => [
    fmt(row.rules),
    med(row.switchboardMatch),
    med(row.switchboardDispatch),
    med(row.jsonLogicJs),
    med(row.jsonLogicEngine),
    med(row.jsonRulesEngine, 1),
    medX(row.ratios.jsonLogicJs),
    medX(row.ratios.jsonLogicEngine),
    medX(row.ratios.jsonRulesEngine),
  ]);
  const by = Object.fromEntries(r.rows.map((row) => [row.rules, row]));
  const lines = [
    '## 1. Rules throughput (events per CPU-second, one thread)',
    '',
    'The same CTI rule sets (event type + queue equality + a numeric condition + a templated URL action) over the same events.',
    '"Switchboard engine" is match + template + hand the action to a recorder; "Switchboard daemon path" is the whole',
    'dispatcher (event schema check, de-duplication, call context, metrics, ordered per call) into recorders.',
    `Each figure is the median of ${r.runs} runs (min–max in brackets), ${fmt(r.ms)} ms per engine and size in each`,
    'run; every run measures all sizes and engines back to back, and the ratios pair figures of the same run. Rates are',
    'counted per CPU-second of the process (`process.cpuUsage`), so time the shared machine gave to other work does',
    'not count against any engine.',
    '',
    table(
      [
        'rules',
        'Switchboard engine',
        'Switchboard daemon path',
        'json-logic-js loop',
        'json-logic-engine loop',
        'json-rules-engine',
        '× json-logic-js',
        '× json-logic-engine',
        '× json-rules-engine',
      ],
      rows,
    ),
  ];
  if (by[1000]) {
    lines.push(
      '',
      `1,000 rules ≥ 100× json-logic-js: ${medX(by[1000].ratios.jsonLogicJs)} (${goal(by[1000].ratios.jsonLogicJs.median >= 100)});`,
      `≥ 1,000× json-rules-engine: ${medX(by[1000].ratios.jsonRulesEngine)} (${goal(by[1000].ratios.jsonRulesEngine.median >= 1000)}).`,
    );
  }
  for (const g of r.goals ?? []) {
    lines.push(
      `${g.figure} vs ${g.alternative}: ${fmt(g.value.median, 1)}% (${fmt(g.value.min, 1)}–${fmt(g.value.max, 1)}), goal ${g.goal} (${goal(g.met)}).`,
    );
  }
  return lines.join('\n');
}

function endToEndLatency(r) {
  const ms = (v) => med(v, 2);
  const rows = r.rows.flatMap((row) => [
    [
      `${fmt(row.rate)}/s`,
      'template.js-style script (floor)',
      ms(row.templateJs.p50),
      ms(row.templateJs.p99),
      ms(row.templateJs.p999),
      ms(row.templateJs.max),
      med(row.templateJs.lost),
    ],
    [
      `${fmt(row.rate)}/s`,
      'Switchboard (rules-runner)',
      ms(row.switchboard.p50),
      ms(row.switchboard.p99),
      ms(row.switchboard.p999),
      ms(row.switchboard.max),
      med(row.switchboard.lost),
    ],
  ]);
  const at1000 = r.rows.find((row) => row.rate === 1000);
  const ratio = (v) =>
    typeof v === 'number' ? `${fmt(v, 2)}×` : `${fmt(v.median, 2)}× (${fmt(v.min, 2)}–${fmt(v.max, 2)})`;
  return [
    `## 2. End-to-end latency (ms): xCALLY emulator → daemon → AgentCTI back, ${r.rows[0]?.seconds ?? '?'} s per rate`,
    '',
    r.runs
      ? `Medians of ${r.runs} runs (min–max in brackets); in each run the floor and Switchboard ran back to back at each rate, each in fresh processes, and the ratio pairs the two of the same run.`
      : '',
    '',
    table(['rate', 'path', 'p50', 'p99', 'p99.9', 'max', 'lost'], rows),
    '',
    ...r.rows.map(
      (row) =>
        `Ratio of p99s at ${fmt(row.rate)}/s: ${ratio(row.p99Ratio)}` +
        (row.lossyRuns
          ? `; in ${row.lossyRuns} of ${r.runs} runs answers were lost (later than the window), so those runs have no p99.`
          : '.'),
    ),
    at1000
      ? `Goal: p99 at 1,000/s ≤ 1.5× the floor's: ${goal(r.goals ? r.goals.every((g) => g.met) : median(at1000.p99Ratio) <= 1.5)}.`
      : '',
  ].join('\n');
}

function streamingIngest(r) {
  // Older results (one run) hold plain numbers; newer ones a spread per figure. BENCH_FORMATS may leave
  // one output type out.
  const med = (v) => (typeof v === 'number' ? v : v.median);
  const range = (v, digits = 0) =>
    typeof v === 'number' ? '' : ` (${fmt(v.min, digits)}–${fmt(v.max, digits)})`;
  const cell = (v, digits = 0) => `${fmt(med(v), digits)}${range(v, digits)}`;
  const formats = ['json', 'xml'].filter((f) => r[f]?.daemon);
  const name = (f) => (f === 'json' ? 'NEWLINE_JSON' : 'NEWLINE_XML');
  const rows = formats.flatMap((f) => [
    [
      name(f),
      'emulator → daemon (8x8 adapter, embedded state, full dispatch)',
      cell(r[f].daemon.eventsPerSecond),
      cell(r[f].daemon.mbPerSecond, 1),
    ],
    [
      name(f),
      f === 'json' ? 'JSON.parse per line, in memory' : 'fast-xml-parser per event, in memory',
      cell(r[f].bare.eventsPerSecond),
      cell(r[f].bare.mbPerSecond, 1),
    ],
  ]);
  const share = (f) =>
    r[f].percentOfBare ?? {
      median: (100 * med(r[f].daemon.eventsPerSecond)) / med(r[f].bare.eventsPerSecond),
    };
  const runs = r.runs ? `, median of ${fmt(r.runs)} runs (min–max)` : '';
  const first = formats[0];
  const json = formats.includes('json') ? share('json') : undefined;
  return [
    `## 3. Streaming ingest: ${fmt(r.calls)} calls, ${first ? fmt(med(r[first].daemon.wireEvents)) : 'no'} SAPI events${runs}`,
    '',
    table(['output', 'path', 'events/s', 'MB/s'], rows),
    '',
    `Daemon vs the bare loop, paired run by run: ${formats.map((f) => `${name(f)} ${fmt(share(f).median, 1)}%${range(share(f), 1)}`).join(', ')}.`,
    json
      ? `Goal: NEWLINE_JSON ≥ 50% of the bare JSON.parse loop's events/s: ${fmt(json.median, 1)}% (${goal(json.median >= 50)}).`
      : 'Goal: NEWLINE_JSON ≥ 50% of the bare JSON.parse loop: not measured in this run.',
  ].join('\n');
}

function webService(r) {
  // Older results (one run each) carry plain numbers.
  const med = (v) => (typeof v === 'number' ? v : v.median);
  const range = (v, digits = 0) =>
    typeof v === 'number'
      ? fmt(v, digits)
      : `${fmt(v.median, digits)} (${fmt(v.min, digits)}–${fmt(v.max, digits)})`;
  const pct = r.percentOfBare ?? {
    median: (100 * med(r.switchboard.requestsPerSecond)) / med(r.bare.requestsPerSecond),
  };
  const mib = (bytes) => (bytes === undefined ? 'n/a' : `${fmt(bytes / 2 ** 20)} MiB`);
  const percent = (v) =>
    v.min === undefined
      ? `${fmt(v.median, 1)}%`
      : `${fmt(v.median, 1)}% (${fmt(v.min, 1)}–${fmt(v.max, 1)}%)`;
  const lines = [
    `## 4. Web service: XucMgt endpoint answering from a rule, autocannon ${r.connections} connections × ${r.duration} s`,
    '',
    `Median (min–max) of ${r.runs ?? 1} paired runs: in each run the bare server, then the daemon, back to back.`,
    '',
    table(
      ['server', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
      [
        [
          'bare node:http, constant JSON',
          range(r.bare.requestsPerSecond),
          range(r.bare.p50),
          range(r.bare.p99),
          fmt(r.bare.errors),
        ],
        [
          'Switchboard XucMgt web service (rule + template)',
          range(r.switchboard.requestsPerSecond),
          range(r.switchboard.p50),
          range(r.switchboard.p99),
          fmt(r.switchboard.errors),
        ],
      ],
    ),
    '',
    `Goal: ≥ 60% of bare node:http requests/s: ${percent(pct)} (${goal(pct.median >= 60)}).`,
  ];
  if (r.switchboard.cpuMicrosPerRequest) {
    lines.push(
      '',
      `CPU time per request (user + system, from /proc; moved less by other load than requests/s): daemon ${range(r.switchboard.cpuMicrosPerRequest)} µs,`,
      `bare server ${range(r.bare.cpuMicrosPerRequest)} µs; as a share of the bare server's, as if each had a core of its own: ${percent(r.percentOfBareByCpu)}.`,
    );
  }
  if (r.memory?.daemon) {
    lines.push(
      '',
      `Memory of the daemon after the runs: peak RSS (VmHWM) ${mib(r.memory.daemon.peakRss)}, RSS ${mib(r.memory.daemon.rss)}`,
      `(anonymous ${mib(r.memory.daemon.rssAnon)}, mapped files ${mib(r.memory.daemon.rssFile)}); idle after start ${mib(r.memory.daemonIdle?.rss)};`,
      `the bare server's peak ${mib(r.memory.bare?.peakRss)}.`,
    );
  }
  return lines.join('\n');
}

function memorySoak(r) {
  const mib = (bytes) => `${fmt(bytes / 2 ** 20)} MiB`;
  const row = (label, p) => [
    label,
    fmt(p.events),
    mib(p.rss),
    mib(p.rssAnon),
    mib(p.rssFile),
    mib(p.heapUsed),
  ];
  const perThousand = (bytes) => `${fmt(bytes / 1024, 1)} KiB`;
  const goalRowOf = r.goals?.[0];
  return [
    `## 9. Memory over ${fmt(r.events)} events, each a new call that never ends`,
    '',
    `The real daemon (embedded durable state; \`calls.max\` ${fmt(r.caps?.callsMax ?? 100000)}, \`dedupe.max\` ${fmt(r.caps?.dedupeMax ?? 500000)}) answering ${fmt(r.events)} XucMgt web-service POSTs from a rule,`,
    `${fmt(r.inFlight)} at a time (${fmt(r.eventsPerSecond)} events/s, ${fmt(r.seconds)} s, ${fmt(r.failed)} failed); every POST is a new call`,
    'that never ends (XucMgt sends no hang-up). RSS from /proc (anonymous memory and mapped files apart), V8 heap from `/metrics`.',
    '',
    table(
      ['when', 'events', 'RSS', 'anonymous', 'mapped files', 'V8 heap used'],
      [row('after warm-up (10%)', r.warm), row('half-way', r.half), row('end', r.last)],
    ),
    '',
    `Over the last half: RSS ${fmt(r.growthPercent.rss, 1)}%, anonymous ${fmt(r.growthPercent.rssAnon, 1)}%, mapped files ${fmt(r.growthPercent.rssFile, 1)}%, heap ${fmt(r.growthPercent.heapUsed, 1)}%;`,
    `slope per 1,000 events: anonymous ${perThousand(r.slopeBytesPerThousand.rssAnon)}, mapped files ${perThousand(r.slopeBytesPerThousand.rssFile)}, heap ${perThousand(r.slopeBytesPerThousand.heapUsed)}.`,
    `Peak RSS (VmHWM): ${mib(r.peakRss)}; the state file (LMDB) at the end: ${mib(r.last.stateBytes ?? Number.NaN)}.`,
    '',
    `Goal: flat after warm-up (anonymous RSS ≤ ${r.flatPercent}% growth over the last half, within the caps' bound): ${goal(goalRowOf?.met)}.`,
  ].join('\n');
}

function memoryStartup(r) {
  const ms = (v) => `${fmt(v.median)} (${fmt(v.min)} – ${fmt(v.max)})`;
  const runs = r.validate[0]?.ms.runs ?? 0;
  const goalsMet = Object.fromEntries((r.goals ?? []).map((g) => [g.id, g.met]));
  return [
    '## 5. Memory and start-up',
    '',
    table(
      ['open calls (with vars)', 'heap growth', 'RSS growth', 'heap bytes per call'],
      r.memory.map((m) => [
        fmt(m.calls),
        `${fmt(m.heapBytes.median / 2 ** 20, 1)} MiB`,
        `${fmt(m.rssBytes.median / 2 ** 20, 1)} MiB`,
        `${fmt(m.bytesPerCall.median)} (${fmt(m.bytesPerCall.min)} – ${fmt(m.bytesPerCall.max)})`,
      ]),
    ),
    '',
    table(
      ['whole process', `ms: median (min – max) of ${runs} runs`],
      [
        ['`rules-runner --version` (Node start + CLI modules)', ms(r.cliFloorMs)],
        ...r.validate.map((v) => [`\`rules-runner validate\`, ${fmt(v.rules)} rules`, ms(v.ms)]),
      ],
    ),
    '',
    `Time from \`rules-runner start\` (the demo) to ready: ${ms(r.startToReadyMs)} ms (median (min – max) of ${r.startToReadyMs.runs} whole-process runs).`,
    '',
    `Goals: ≤ 2 KB per open call: ${goal(goalsMet.memoryPerCall)}; validate 10,000 rules < 1 s: ${goal(goalsMet.validate10k)}.`,
  ].join('\n');
}

/** A spread as `median (min–max)`; a plain number (figures of an older run) as is. */
const medianOf = (v, digits = 0, unit = '') =>
  typeof v === 'number'
    ? `${fmt(v, digits)}${unit}`
    : `${fmt(v.median, digits)}${unit} (${fmt(v.min, digits)}–${fmt(v.max, digits)}${unit})`;

/** What the machine's load average was during a run, when the script recorded it. */
const loadDuring = (r) =>
  Array.isArray(r.load)
    ? `the 1-minute load average was ${fmt(r.load[0], 1)} when it started and ${fmt(r.load[1], 1)} when it ended, on 2 cores`
    : 'other work loaded the machine';

function statePath(r) {
  const dedupe = r.dedupe.map((row) => [row.engine, row.guarantee, medianOf(row.opsPerSecond)]);
  const dispatcher = r.dispatcher.map((row) => [
    row.state,
    medianOf(row.eventsPerSecond),
    row.state === 'memory' ? '100%' : row.ofMemory ? medianOf(row.ofMemory, 0, '%') : '',
  ]);
  const runs = r.runs ? `the median of ${r.runs} runs (min–max)` : 'one run';
  return [
    '## 6. State store: the de-duplication path and the dispatcher with durable state',
    '',
    `Measured ${r.measured ?? 'later'}, on its own (\`npm run bench -- statePath\`, with \`BENCH_SQLITE\` set); ${loadDuring(r)}:`,
    `compare the rows with each other, not with the sections above. Each figure is ${runs}.`,
    '',
    `(a) ${fmt(r.total)} \`setIfAbsent\` with a TTL, ${r.perTurn} per event-loop turn (one commit per turn, each turn's`,
    'promises awaited before the next), 10 % of them repeats, on each engine at the guarantee named.',
    '',
    table(['engine', 'what a commit survives', 'ops/s'], dedupe),
    '',
    '(b) The dispatcher path (100 CTI rules, 256 events in flight, each a new call; schema check, ledger',
    '`pending` then `done`, call vars, the `once` markers of the action) with state in memory and on disk. Each run',
    'measures memory, embedded and Redis one after the other; "of memory" pairs each run with the memory run before it.',
    '',
    table(['state', 'events/s', 'of memory'], dispatcher),
    '',
    'Installing each engine from the npm registry alone (fresh cache, `npm install`, measured by hand, see the notes):',
    '',
    table(
      ['engine', 'how it installs', 'time'],
      [
        ['lmdb 3.5.6', 'prebuilt `@lmdb/lmdb-linux-x64` (and other platforms) from the registry', '6.8 s'],
        [
          'better-sqlite3 12.11.1',
          'compiled from source (its prebuilt binary is fetched from GitHub: unreachable); needs python3, make, g++',
          '6 min 24 s',
        ],
      ],
    ),
  ].join('\n');
}

function haPath(r) {
  const embedded = r.dispatcher.find((row) => row.state.startsWith('embedded'));
  const dispatcher = r.dispatcher.map((row) => [
    row.state,
    medianOf(row.eventsPerSecond),
    row === embedded
      ? '100%'
      : row.ofEmbedded
        ? medianOf(row.ofEmbedded, 0, '%')
        : `${fmt((100 * row.eventsPerSecond) / embedded.eventsPerSecond)}%`,
  ]);
  const spread = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return [fmt(sorted[0]), fmt(sorted[Math.floor(sorted.length / 2)]), fmt(sorted[sorted.length - 1])];
  };
  const runs = r.runs ? `the median of ${r.runs} runs (min–max)` : 'one run';
  return [
    '## 7. Several daemons on Redis: the dispatcher path and the takeover',
    '',
    `Measured ${r.measured}, on its own (\`npm run bench -- haPath\`); ${loadDuring(r)}: compare the rows`,
    'with each other, not with the sections above. Redis is a local `redis-server` without persistence, over loopback.',
    '',
    '(a) The dispatcher path of section 6 (100 CTI rules, 256 events in flight, each a new call) on one node whose',
    'state is in Redis (node id and leases as in a cluster), against the embedded default and memory. Each figure is',
    `${runs}; each run measures memory, embedded and Redis one after the other, and "of embedded" pairs each run with`,
    'the embedded run just before it.',
    '',
    table(['state', 'events/s', 'of embedded'], dispatcher),
    '',
    `(b) Takeover: \`rules-runner start\` daemons on one Redis share an 8x8 SAPI subscription (emulator); the holder is`,
    `ended ${r.takeovers.kill.length} times each way, and the time until another node holds the connection and is connected`,
    `(\`/api/instances\`, polled every 10 ms) is measured. Leases: \`ttlMs\` ${fmt(r.lease.ttlMs)}, \`renewEveryMs\` ${fmt(r.lease.renewEveryMs)}.`,
    '',
    table(
      ['holder ended by', 'min (ms)', 'median (ms)', 'max (ms)'],
      [
        ['`kill -9` (its lease expires)', ...spread(r.takeovers.kill)],
        ['SIGTERM (it releases its lease)', ...spread(r.takeovers.stop)],
      ],
    ),
    '',
    `Goal: a killed holder replaced within 5 s: ${goal(Math.max(...r.takeovers.kill) <= 5000)}. The failover test`,
    '(`packages/e2e-tests/test/ha/failover.int.test.ts`) measures it under a steady stream of xCALLY and SAPI calls, three',
    'nodes, and logs it (`HA failover: … holds the xCALLY lease after … ms (serving after … ms)`): 2.5-3.7 s to the lease,',
    '2.5-4.2 s to serving, in its runs on this loaded machine.',
  ].join('\n');
}

function nodeRed(r) {
  const s = (v, digits = 0) => `${fmt(v.median, digits)} (${fmt(v.min, digits)}–${fmt(v.max, digits)})`;
  const sink = (loss) => (loss.answered === undefined ? '' : `${fmt(loss.lost)} / ${fmt(loss.doubled)}`);
  const row = (label, x) => [
    label,
    s(x.requestsPerSecond),
    fmt(x.saturationErrors),
    sink(x.saturationSink),
    s(x.p50, 2),
    s(x.p99, 2),
    s(x.fixedAchieved),
    sink(x.fixedSink),
    s(x.peakRssMiB),
  ];
  const head = [
    'server',
    'requests/s at saturation',
    'errors',
    'lost / doubled',
    `p50 ms at the fixed rate`,
    'p99 ms',
    'achieved rate',
    'lost / doubled',
    'peak RSS MiB',
  ];
  const ratio = (v, digits = 2) => `${s(v, digits)}`;
  // The rate of each round: the configured one, or half the slowest server's saturation if that is lower.
  const rateOf = (x) =>
    (x.roundRates ?? [x.fixedRate]).every((v) => v === x.fixedRate)
      ? `${fmt(x.fixedRate)}/s`
      : `${(x.roundRates ?? []).map((v) => fmt(v)).join(', ')}/s in the rounds (${fmt(x.fixedRate)}/s, or half the slowest server's saturation of the round when lower)`;
  const unsustained = (job) =>
    Object.entries(job)
      .filter(([, x]) => x.sustained === false)
      .map(([name]) => name);
  const sustainedNote = (job) => {
    const names = unsustained(job);
    return names.length === 0
      ? []
      : [
          '',
          `Not sustained at the fixed rate (achieved median < 95% of it): ${names.join(', ')}; their p50/p99 there are`,
          'saturation latencies, and the p99 ratio is no "rate both sustain" comparison. Lower `BENCH_WEBHOOK_RATE` /',
          '`BENCH_ANSWER_RATE` or run on a quieter machine.',
        ];
  };
  return [
    `## 8. Switchboard beside Node-RED ${r.nodeRed} (same Node ${r.node}), and the transport floor`,
    '',
    `Medians of ${r.runs} rounds (min–max). Each round starts every server of the job afresh; in an order that rotates`,
    `with the round, each is warmed up ${r.warmupSeconds} s and loaded by autocannon (${r.connections} connections) for ${r.seconds} s at saturation;`,
    `then each for ${r.seconds} s at the round's fixed rate (\`overallRate\`); peak RSS is each process's \`VmHWM\` after both.`,
    `Placement: ${r.pinning}. Every request is a new call (fresh event and call ids). "lost" counts requests`,
    'answered 2xx whose GET never reached the sink, summed over the rounds.',
    '',
    `(a) Webhook → rule → HTTP GET to a local sink, fixed rate ${rateOf(r.webhook.switchboard)}. Switchboard: \`rules-runner start\`, the`,
    'webhook adapter (bearer token, `sync: true`: answered once the action ran), a rule on event type and queue, an',
    '`http` GET with the values encoded in the URL, durable state on disk (the default). Node-RED: http in → switch on',
    'the Authorization header → switch on the event → switch on the queue → change (URL by JSONata with',
    '`$encodeUrlComponent`) → http request (keep-alive) → change → http response. The relay: `node:http` in, undici GET',
    'out, 200 back.',
    '',
    table(head, [
      row('Switchboard (rules-runner)', r.webhook.switchboard),
      row('Node-RED, equivalent flow', r.webhook.nodeRed),
      row('bare node:http + undici relay', r.webhook.relay),
    ]),
    '',
    `Switchboard ÷ Node-RED: throughput ${ratio(r.ratios.webhookThroughput)}×, p99 ${ratio(r.ratios.webhookP99)}×;`,
    `Switchboard ÷ relay: ${ratio(r.ratios.relayShare, 0)}%; peak RSS ÷ Node-RED's: ${ratio(r.ratios.webhookRss)}×.`,
    ...sustainedNote(r.webhook),
    '',
    `(b) Request → decision → templated JSON answer, fixed rate ${rateOf(r.answer.switchboard)}. Switchboard: the XucMgt web`,
    'service (`?key=` secret, `repeatWindow: 0`, a rule on the queue, `thirdPartyOpen` with an encoded URL).',
    'Node-RED: http in → switch on `?key=` → switch on the queue → change (the answer by JSONata) → http response;',
    'and the best-tuned flow: http in → one `function` node (key, decision, answer) → http response. The goals are',
    'judged against the better Node-RED flow of each round (for peak RSS, the smaller).',
    '',
    table(head, [
      row('Switchboard XucMgt web service', r.answer.switchboard),
      row('Node-RED, switch + change nodes', r.answer.nodeRedNodes),
      row('Node-RED, one function node', r.answer.nodeRedFunction),
    ]),
    '',
    `Switchboard ÷ best Node-RED flow: throughput ${ratio(r.ratios.answerThroughput)}×, p99 ${ratio(r.ratios.answerP99)}×;`,
    `peak RSS ÷ the smaller Node-RED's: ${ratio(r.ratios.answerRss)}×.`,
    ...sustainedNote(r.answer),
    '',
    ...r.goals.map(
      (g) =>
        `Goal: ${g.figure} vs ${g.alternative}: ${g.goal}: ${s(g.value, g.unit === '%' ? 0 : 2)}${g.unit} (${goal(g.met)}).`,
    ),
  ].join('\n');
}

const sections = {
  rulesThroughput,
  endToEndLatency,
  streamingIngest,
  webService,
  memoryStartup,
  statePath,
  haPath,
  nodeRed,
  memorySoak,
};

const unitValue = (v, unit) => {
  if (unit === '%') return `${fmt(v, v < 10 ? 1 : 0)}%`;
  if (unit === '×') return `${fmt(v, v < 10 ? 2 : 1)}×`;
  if (unit === 's') return `${fmt(v, 2)} s`;
  if (unit === 'ms') return `${fmt(v, v < 10 ? 2 : 0)} ms`;
  if (unit === 'MiB') return `${fmt(v, 0)} MiB`;
  if (unit === 'bytes') return `${fmt(v, 0)} B`;
  return fmt(v, 2);
};

/** Every benchmark's goal rows, in benchmark order: the table at the top of docs/benchmarks.md. */
export function goalRows(results) {
  return Object.keys(sections).flatMap((name) => results[name]?.goals ?? []);
}

export function renderGoals(results) {
  const rows = goalRows(results);
  if (rows.length === 0) return '';
  return [
    '## Goals',
    '',
    'Each figure is the median of the runs named, with the slowest and fastest run beside it; the alternative was',
    'measured in the same run. A goal is judged on the median.',
    '',
    table(
      ['figure', 'measured against (same run)', 'goal', 'median', 'min – max', 'runs', ''],
      rows.map((g) => [
        g.figure,
        g.alternative,
        g.goal,
        unitValue(g.value.median, g.unit),
        `${unitValue(g.value.min, g.unit)} – ${unitValue(g.value.max, g.unit)}`,
        fmt(g.value.runs),
        g.met ? 'met' : '**missed**',
      ]),
    ),
  ].join('\n');
}

export function renderMarkdown({ machine, results }) {
  const parts = [
    '# Benchmarks',
    '',
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}).`,
    'Written by `npm run bench` (raw figures: `bench/results/benchmarks.json`); every comparison ran in the same run, on the',
    'same input. The notes at the end say what the profiles show where a goal is missed.',
  ];
  const goals = renderGoals(results);
  if (goals) parts.push('', goals);
  for (const [name, render] of Object.entries(sections))
    if (results[name]) parts.push('', render(results[name]));
  parts.push('', '## What limits the figures', '', notes.trim());
  return `${parts.join('\n')}\n`;
}
