import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir } from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtures, runCli } from './runCli.js';
import { allForms, leaksIn, secrets } from './secretForms.js';

/**
 * Every output surface, fed every secret in every encoding, shows none of them. The secrets come
 * from the environment (`${VAR}`); the leaky test adapter puts a text holding all their forms into
 * each channel an adapter has (log line, state detail, rejection reason, event variables, action
 * error, start error), rules and rule tests render it into actions, and an unloadable adapter quotes
 * it in its import error. A canary word travels with the forms, so a surface that never got the
 * text cannot pass by showing nothing.
 */
const canary = 'CANARY-visible-text';
const leak = [canary, ...allForms().map((f) => f.text)].join(' ');
const env = { ...secrets, LEAK_TEXT: leak, SWITCHBOARD_ADMIN_PORT: '0' };
const credentials = Object.keys(secrets).map((name) => `\${${name}}`);

/** A CRM that refuses every call, echoing what it got (the URL, the Authorization header). */
const crm: Server = createServer((req, res) => {
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({ error: 'bad credentials', url: req.url, authorization: req.headers.authorization }),
  );
});

const rules = (crmUrl: string) =>
  JSON.stringify({
    rules: [
      {
        name: 'leaky',
        on: 'call.answered',
        if: { '!=': [{ var: 'vars.blob' }, ''] },
        do: [
          { poke: { text: '{{ vars.blob }}' } },
          { log: { message: 'token ${CRM_TOKEN} for {{ call.id }}' } },
        ],
      },
      {
        name: 'crm-hook',
        on: 'call.answered',
        // The CRM refuses: the error quotes the URL, with the secrets in its path percent-encoded.
        do: [
          {
            http: {
              url: `${crmUrl}/hooks/\${CRM_TOKEN}/\${UNICODE_TOKEN}/x`,
              headers: { authorization: 'Bearer ${PLAIN_TOKEN}' },
            },
          },
        ],
      },
    ],
  });

const config = (leaky: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    adapters: {
      leaky: { use: join(fixtures, 'leaky-adapter'), options: { leak, credentials, ...leaky } },
    },
    rules: ['rules.yaml'],
    tests: ['leaky.test.yaml'],
    log: { format: 'json' },
    ...extra,
  });

/** A text and every string inside it when it is JSON (or JSON lines, or server-sent events). */
function withDecoded(text: string): string {
  const strings: string[] = [text];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const line of text.split('\n')) {
    const json = line.startsWith('data: ') ? line.slice(6) : line;
    try {
      walk(JSON.parse(json));
    } catch {
      // not JSON: the text itself is checked
    }
  }
  return strings.join('\n');
}

const surfaces = new Map<string, string>();
let dir: TempDir;
let daemon: DaemonProcess | undefined;

async function readStream(admin: string, until: () => boolean): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${admin}/api/stream`, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 10_000;
  while (!(text.includes('"kind":"action"') && until()) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text;
}

beforeAll(async () => {
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  dir = await tempDir();
  await dir.write('rules.yaml', rules(`http://127.0.0.1:${(crm.address() as AddressInfo).port}`));
  await dir.write(
    'leaky.test.yaml',
    JSON.stringify({
      tests: [
        {
          name: 'the leak reaches the action',
          given: [{ type: 'call.answered', source: 'leaky', call: { id: 't1' }, vars: { blob: leak } }],
          expect: [{ poke: { text: 'something else' } }],
        },
      ],
    }),
  );
  await dir.write(
    'calls.ndjson',
    `${JSON.stringify({ type: 'call.answered', source: 'leaky', call: { id: 'r1' }, vars: { blob: leak } })}\n`,
  );

  // The running daemon: logs, console API, live stream, /readyz, /metrics.
  const running = await dir.write('running.yaml', config({ every: 300 }));
  daemon = await spawnDaemon(running, { cwd: dir.path, env });
  const d = daemon;
  await d.waitForLog((l) => String(l.msg).startsWith('action poke via leaky FAILED'), 'the failed poke');
  await d.waitForLog((l) => /^action http via \S+ FAILED/.test(String(l.msg)), 'the failed http call');
  const admin = d.admin as string;
  const get = async (path: string) => withDecoded(await (await fetch(`${admin}${path}`)).text());
  const events = JSON.parse(await (await fetch(`${admin}/api/events`)).text()) as { seq: number }[];
  surfaces.set('console /api/events', await get('/api/events'));
  surfaces.set('console /api/calls/:id', await get('/api/calls/leak-call-0'));
  surfaces.set('console /api/instances', await get('/api/instances'));
  surfaces.set('console explain', await get(`/api/events/${events.at(-1)?.seq}/explain`));
  surfaces.set('/readyz', await get('/readyz'));
  surfaces.set('/metrics (labels)', await get('/metrics'));
  surfaces.set('console live stream', withDecoded(await readStream(admin, () => true)));
  await d.stop();
  surfaces.set(
    'daemon log lines',
    withDecoded(`${d.logs.map((l) => JSON.stringify(l)).join('\n')}\n${d.stderr()}`),
  );
  daemon = undefined;

  const output = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;
  // Problems printed by validate and start: an instance named by a secret, an adapter that cannot load.
  await dir.write(
    'broken-rules.yaml',
    JSON.stringify({ rules: [{ name: 'r', on: 'call.answered', do: [{ poke: {}, via: '${CRM_TOKEN}' }] }] }),
  );
  const broken = await dir.write(
    'broken.yaml',
    config(
      {},
      {
        adapters: {
          leaky: { use: join(fixtures, 'leaky-adapter'), options: { leak, credentials } },
          gone: { use: join(fixtures, 'unloadable-adapter'), options: { credentials } },
        },
        rules: ['broken-rules.yaml'],
      },
    ),
  );
  const validate = await runCli(['validate', '-c', broken], env, dir.path);
  expect(validate.code).toBe(1);
  surfaces.set('validate output', output(validate));
  const startBroken = await runCli(['start', '-c', broken], env, dir.path);
  expect(startBroken.code).toBe(1);
  surfaces.set('start: problem lines', output(startBroken));

  const failing = await dir.write('failing.yaml', config({ failStart: true }));
  const startFailing = await runCli(['start', '-c', failing], env, dir.path);
  expect(startFailing.code).not.toBe(0);
  surfaces.set('start: adapter start failure', output(startFailing));

  const ruleTests = await runCli(['test', '-c', running], env, dir.path);
  expect(ruleTests.code).toBe(1);
  surfaces.set('test output', output(ruleTests));

  const replay = await runCli(['replay', '-c', running, 'calls.ndjson', '--explain'], env, dir.path);
  surfaces.set('replay output (--explain)', withDecoded(output(replay)));
}, 120_000);

afterAll(async () => {
  crm.close();
  await daemon?.stop('SIGKILL');
  await dir?.remove();
});

const surfaceNames = [
  'daemon log lines',
  'console /api/events',
  'console /api/calls/:id',
  'console /api/instances',
  'console explain',
  'console live stream',
  '/readyz',
  '/metrics (labels)',
  'validate output',
  'start: problem lines',
  'start: adapter start failure',
  'test output',
  'replay output (--explain)',
];

describe(`no secret in any encoding (${allForms().length} forms of ${Object.keys(secrets).length} secrets) on any surface`, () => {
  test.each(surfaceNames)('%s', (surface) => {
    const text = surfaces.get(surface);
    expect(text, `${surface} was collected`).toBeDefined();
    expect(text, `${surface} got the leaky text (the canary)`).toContain(canary);
    expect(leaksIn(text as string), `${surface} leaks`).toEqual([]);
  });

  test('the text that got through was redacted, not dropped', () => {
    for (const name of surfaceNames) expect(surfaces.get(name), name).toContain('[REDACTED]');
    // The CRM call's error quoted its URL, whose path held two secrets percent-encoded.
    for (const name of ['daemon log lines', 'console /api/events', 'replay output (--explain)'])
      expect(surfaces.get(name), name).toMatch(
        /HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/hooks\/\[REDACTED\]\/\[REDACTED\]\/x/,
      );
  });
});
