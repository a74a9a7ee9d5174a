// Benchmark 4: the XucMgt web service answering from a rule (repeated POSTs are not served from its
// answer cache: every request runs the rules), under autocannon, beside a bare node:http
// server answering a constant JSON. Same machine, same request, same load, one after the other.
import { readFile } from 'node:fs/promises';
import { spawnDaemon } from '@switchboard/test-support';
import autocannon from 'autocannon';
import { startNodeScript, stop, tempConfig } from './lib/processes.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const body = await readFile(
  new URL('../packages/adapter-xucmgt/test/fixtures/request-2024.json', import.meta.url),
  'utf8',
);

const load = (url) =>
  autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
  });

const summary = (r) => ({
  requestsPerSecond: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
  total: r.requests.total,
});

// The bare floor.
const bare = await startNodeScript(new URL('./lib/bareServer.mjs', import.meta.url).pathname);
const bareResult = summary(await load(`http://127.0.0.1:${bare.ready.port}/`));
await stop(bare.child);

// The daemon answering from a rule.
const dir = await tempConfig({
  'switchboard.yaml': `adapters:
  xucmgt:
    use: "@switchboard/adapter-xucmgt"
    options: { allowedOrigins: ["*"], answerTimeout: 2000, repeatWindow: 0 }
server: { host: 127.0.0.1, port: 0 }
admin: { enabled: false }
watch: false
rules: [ rules.yaml ]
log: { level: warn, format: json }
`,
  'rules.yaml': `rules:
  - name: trucks
    on: call.offered
    if: { "==": [ { var: call.queue }, "trucks" ] }
    do:
      - thirdPartyOpen:
          event: established
          url: "https://crm.example/contacts?phone={{ call.caller }}&call={{ call.id }}"
          title: "Trucks: {{ call.caller }}"
          autopause: true
`,
});
const daemon = await spawnDaemon(`${dir}/switchboard.yaml`, { cwd: dir });
const check = await fetch(`${daemon.address}/adapters/xucmgt`, {
  method: 'POST',
  body,
  headers: { 'content-type': 'application/json' },
});
const answer = await check.json();
if (answer.action !== 'open') throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
const daemonResult = summary(await load(`${daemon.address}/adapters/xucmgt`));
await daemon.stop();

process.stdout.write(
  `${JSON.stringify({ benchmark: 'webService', duration, connections, bare: bareResult, switchboard: daemonResult })}\n`,
);
