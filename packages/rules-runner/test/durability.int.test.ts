import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EmbeddedStateBackend } from '@switchboard/state-embedded';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { fixtures } from './runCli.js';

/**
 * The test's side of the wire: a CRM lookup that answers only when told (so actions are caught mid-way),
 * and the sink the fixture's `pop` action posts to, which counts every pop per call.
 */
class FarSide {
  readonly pops: { call: string; agent: string; url: string; key: string; recovered: boolean }[] = [];
  readonly held: ServerResponse[] = [];
  holding = true;
  readonly #server: Server;

  constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Lookups answer at once from now on; `count` of those held so far are answered now. */
  release(count = Number.POSITIVE_INFINITY): void {
    if (count === Number.POSITIVE_INFINITY) this.holding = false;
    for (const response of this.held.splice(0, count)) answer(response, { customer: 'c' });
  }

  popsPerCall(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const pop of this.pops) counts.set(pop.call, (counts.get(pop.call) ?? 0) + 1);
    return counts;
  }

  async close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.url?.startsWith('/lookup')) {
      if (this.holding) this.held.push(response);
      else answer(response, { customer: 'c' });
      return;
    }
    let body = '';
    for await (const chunk of request) body += chunk;
    this.pops.push(JSON.parse(body));
    answer(response, { ok: true });
  }
}

function answer(response: ServerResponse, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const rules = (farSide: string) => `rules:
  - name: pop-after-lookup
    on: call.offered
    do:
      - http: { url: "${farSide}/lookup?call={{ call.id }}", timeout: 60000 }
        save: crm
      - pop: { agent: "{{ call.agent }}", url: "https://crm.example/{{ call.id }}" }
  - name: keep-order
    on: call.held
    do:
      - set: { order: "{{ raw.order }}" }
  - name: pop-with-order
    on: call.resumed
    do:
      - pop: { agent: "{{ call.agent }}", url: "https://crm.example/{{ call.id }}?order={{ vars.order }}" }
`;

let dir: TempDir | undefined;
let farSide: FarSide | undefined;
const daemons: DaemonProcess[] = [];

afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop('SIGKILL')));
  await farSide?.close();
  await dir?.remove();
  farSide = undefined;
});

async function setUp(drainTimeout = 5000) {
  farSide = new FarSide();
  const far = await farSide.listen();
  dir = await tempDir();
  await dir.write('rules.yaml', rules(far));
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  hook:
    use: ${join(fixtures, 'durable-adapter')}
    options: { sink: "${far}/pop" }
rules: [ rules.yaml ]
server: { host: 127.0.0.1, port: 0 }
state: { dir: state }
shutdown: { drainTimeout: ${drainTimeout} }
watch: false
log: { format: json }
`,
  );
  return { config, dir, farSide };
}

async function start(config: string, cwd: string): Promise<DaemonProcess> {
  // The state folder of the config, across the restarts of one test.
  const daemon = await spawnDaemon(config, { cwd, env: { SWITCHBOARD_STATE_DIR: join(cwd, 'state') } });
  daemons.push(daemon);
  return daemon;
}

async function post(
  daemon: DaemonProcess,
  body: unknown,
  wait = false,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${daemon.address}/adapters/hook/events${wait ? '?wait=1' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, json: await response.json() };
}

const offered = (n: number) => ({
  id: `offer-${n}`,
  type: 'call.offered',
  call: { id: `call-${n}`, agent: `agent-${n % 3}` },
});

/** Counts over calls 0..n-1: none popped (lost) and popped more than once (doubled). */
function lostAndDoubled(side: FarSide, n: number) {
  const per = side.popsPerCall();
  const calls = Array.from({ length: n }, (_, i) => `call-${i}`);
  return {
    lost: calls.filter((c) => (per.get(c) ?? 0) === 0).length,
    doubled: calls.filter((c) => (per.get(c) ?? 0) > 1).length,
  };
}

describe('durable state through the real daemon', () => {
  test('SIGKILL while 15 pops wait on a slow CRM step (5 done before): after the restart each call popped once', async () => {
    const { config, dir, farSide } = await setUp();
    const first = await start(config, dir.path);
    const calls = 20;
    for (let n = 0; n < calls; n += 1) expect((await post(first, offered(n))).status).toBe(202);
    await waitFor(() => farSide.held.length === calls, 'every lookup to be in flight', 15_000);
    farSide.release(5);
    await waitFor(() => farSide.pops.length === 5, 'the first 5 pops', 10_000);
    first.process.kill('SIGKILL');
    await first.exited;
    expect(farSide.pops).toHaveLength(5);

    farSide.release();
    const second = await start(config, dir.path);
    // The 15 cut off, and those of the 5 whose `done` had not been committed yet (their pops are skipped).
    const line = await second.waitForLog((l) => / run again/.test(String(l.msg)), 'the reconciliation line');
    expect(Number(line.rerun)).toBeGreaterThanOrEqual(15);
    await waitFor(() => farSide.popsPerCall().size === calls, 'a pop for every call', 15_000);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(lostAndDoubled(farSide, calls)).toEqual({ lost: 0, doubled: 0 });
    // The recovered pops carried the same per-call keys a receiver could de-duplicate by.
    expect(new Set(farSide.pops.map((p) => p.key)).size).toBe(calls);
    expect(farSide.pops.filter((p) => p.recovered)).toHaveLength(15);
  }, 90_000);

  test('SIGTERM with the CRM step longer than the drain: the cut-off pops happen after the restart, once', async () => {
    const { config, dir, farSide } = await setUp(800);
    const first = await start(config, dir.path);
    const calls = 20;
    for (let n = 0; n < calls; n += 1) expect((await post(first, offered(n))).status).toBe(202);
    await waitFor(() => farSide.held.length === calls, 'every lookup to be in flight', 15_000);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.logs.some((l) => /20 event\(s\) still in flight were cut off/.test(String(l.msg)))).toBe(
      true,
    );
    expect(farSide.pops).toHaveLength(0);

    farSide.release();
    const second = await start(config, dir.path);
    await waitFor(() => farSide.popsPerCall().size === calls, 'a pop for every call', 15_000);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(lostAndDoubled(farSide, calls)).toEqual({ lost: 0, doubled: 0 });
    // No `action.failed` was raised for the cut-off lookups: the stop is not a failure.
    expect(second.logs.concat(first.logs).some((l) => /action\.failed/.test(JSON.stringify(l)))).toBe(false);
  }, 90_000);

  test('per-call vars set before a SIGKILL are there after the restart; a resume point moves with its events', async () => {
    const { config, dir, farSide } = await setUp();
    farSide.release();
    const first = await start(config, dir.path);
    const held = {
      id: 'h-1',
      type: 'call.held',
      call: { id: 'v-1', agent: 'agent-7' },
      raw: { order: 'A-17' },
    };
    expect((await post(first, { events: [held], mark: 41 }, true)).json).toEqual({ statuses: ['handled'] });
    first.process.kill('SIGKILL');
    await first.exited;

    const second = await start(config, dir.path);
    const resumed = { id: 'r-1', type: 'call.resumed', call: { id: 'v-1', agent: 'agent-7' } };
    expect((await post(second, resumed, true)).json).toEqual({ statuses: ['handled'] });
    expect(farSide.pops.map((p) => p.url)).toEqual(['https://crm.example/v-1?order=A-17']);
    // The same event again (a vendor's redelivery): a duplicate, in the ledger from before the restart.
    expect((await post(second, { events: [held], mark: 42 })).json).toEqual({ statuses: ['duplicate'] });
    expect(await second.stop('SIGTERM')).toBe(0);

    const state = new EmbeddedStateBackend({ dir: join(dir.path, 'state') });
    await state.open();
    expect(await state.namespace('hook').get('a/mark')).toBe(42);
    await state.close();
  }, 90_000);
});
