import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { SapiEmulator } from '../../src/testing/SapiEmulator.js';
import { interactionBody } from '../../src/testing/sapiSamples.js';
import { packageDir } from '../support/packageDir.js';

/**
 * The daemon's far side: a CRM lookup that answers at once or only when released (so actions are caught
 * mid-way), the screen-pop sink, and the sink of the `call.answered` rule that shows the call's vars.
 * Every request is recorded with its `Idempotency-Key`, the key a CRM drops repeats by.
 */
class FarSide {
  readonly pops: { call: string; key: string }[] = [];
  readonly answered: { call: string; order: string }[] = [];
  readonly held: ServerResponse[] = [];
  holding = false;
  readonly #server: Server = createServer((request, response) => void this.#handle(request, response));

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Lookups answer at once from now on, the held ones too. */
  release(): void {
    this.holding = false;
    for (const response of this.held.splice(0)) reply(response);
  }

  async close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of request) text += chunk;
    const path = new URL(request.url ?? '/', 'http://far').pathname;
    if (path === '/lookup') {
      if (this.holding) this.held.push(response);
      else reply(response);
      return;
    }
    const body = JSON.parse(text) as { call: string; order?: string };
    const key = String(request.headers['idempotency-key'] ?? '');
    if (path === '/pop') this.pops.push({ call: body.call, key });
    else if (path === '/answered') this.answered.push({ call: body.call, order: String(body.order) });
    reply(response);
  }
}

function reply(response: ServerResponse): void {
  if (!response.destroyed)
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"customer":"c-1"}');
}

const token = 'sapi-token-crash-4b1d';
const agent = 'agCrash00000000000000001';
const guid = (n: number) => `int-crash-${n}`;
const order = (n: number) => `ORD-${1000 + n}`;

let dir: TempDir | undefined;
let sapi: SapiEmulator | undefined;
let far: FarSide | undefined;
const daemons: DaemonProcess[] = [];

afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop('SIGKILL')));
  await sapi?.close();
  await far?.close();
  await dir?.remove();
  sapi = undefined;
  far = undefined;
  dir = undefined;
});

/** A daemon config with SAPI, a pop rule behind a CRM lookup, and a rule that shows the call's vars. */
async function setUp(drainTimeoutMs = 5000) {
  // SAPI's replay window (2 h) shortened to 10 minutes: every restart below is inside it.
  sapi = await SapiEmulator.start({ tenant: 'acmecorp01', token, replayWindowSeconds: 600 });
  far = new FarSide();
  const url = await far.listen();
  dir = await tempDir('switchboard-8x8-crash-');
  await dir.write(
    'rules.yaml',
    `rules:
  - name: pop-after-lookup
    on: call.offered
    do:
      - set: { order: "{{ vars.orderNo }}" }
      - http: { url: "${url}/lookup?call={{ call.id }}", timeout: 60000 }
      - http:
          method: POST
          url: "${url}/pop"
          idempotencyKey: true
          body: { call: "{{ call.id }}", agent: "{{ agent.id }}" }
  - name: answered-shows-order
    on: call.answered
    do:
      - http:
          method: POST
          url: "${url}/answered"
          idempotencyKey: true
          body: { call: "{{ call.id }}", order: "{{ vars.order }}" }
`,
  );
  await dir.write(
    'switchboard.yaml',
    `adapters:
  cc:
    use: ${packageDir}
    options:
      sapi:
        tenant: acmecorp01
        token: \${SAPI_TOKEN}
        baseUrl: ${sapi.url}
        retry: { initialMs: 100, maxMs: 500 }
rules: [ rules.yaml ]
server: { host: 127.0.0.1, port: 0 }
state: { dir: state }
shutdown: { drainTimeout: ${drainTimeoutMs} }
watch: false
log: { format: json }
`,
  );
  return { sapi, far, dir };
}

async function startDaemon(config: TempDir): Promise<DaemonProcess> {
  const daemon = await spawnDaemon(`${config.path}/switchboard.yaml`, {
    cwd: config.path,
    env: { SAPI_TOKEN: token },
  });
  daemons.push(daemon);
  await daemon.waitForLog((l) => l.msg === 'adapter cc connected', 'the SAPI subscription', 15_000);
  return daemon;
}

/** A call is queued, then offered to the agent with an order number in its attached data. */
function offerCall(emulator: SapiEmulator, n: number): void {
  const base = { guid: guid(n), queue: 'Sales', direction: 'in' as const, caller: '+12015550123' };
  emulator.publish(
    'Interaction',
    interactionBody({ ...base, event: 'InteractionQueued', callState: 'CS_QUEUED' }),
  );
  emulator.publish(
    'Interaction',
    interactionBody({
      ...base,
      event: 'InteractionAssigned',
      callState: 'CS_QUEUED',
      agentId: agent,
      attached: { orderNo: order(n) },
    }),
  );
}

/** The agent takes the call: no order number in this event, only in the call's vars. */
function answerCall(emulator: SapiEmulator, n: number): void {
  emulator.publish(
    'Interaction',
    interactionBody({
      guid: guid(n),
      queue: 'Sales',
      direction: 'in',
      event: 'InteractionAccepted',
      callState: 'CS_CONNECTED',
      agentId: agent,
    }),
  );
}

/**
 * Pops per call over calls 1..n as the agent sees them: a pop repeated with the key of an earlier one is
 * dropped by the CRM (that is what the key is for); `resent` counts those repeats, `doubled` the calls that
 * popped twice with different keys.
 */
function count(side: FarSide, n: number) {
  const keys = new Map<string, Set<string>>();
  for (const pop of side.pops) keys.set(pop.call, (keys.get(pop.call) ?? new Set()).add(pop.key));
  const calls = Array.from({ length: n }, (_, i) => guid(i + 1));
  return {
    lost: calls.filter((c) => !keys.has(c)).length,
    doubled: calls.filter((c) => (keys.get(c)?.size ?? 0) > 1).length,
    resent: side.pops.length - keys.size,
    strangers: [...keys.keys()].filter((c) => !calls.includes(c)),
  };
}

describe('8x8 SAPI: a crash or restart of the daemon loses no screen pop and doubles none', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`${signal} in the middle of a burst of calls, restart inside the replay window: every call popped once, vars kept`, async () => {
      const { sapi, far, dir } = await setUp();
      let daemon = await startDaemon(dir);
      // Calls come at a steady pace up to a limit, raised phase by phase, so each phase sees calls however
      // fast the machine is: before the stop, while the daemon is down, after the restart.
      let published = 0;
      let limit = 30;
      const publisher = setInterval(() => {
        if (published >= limit) return;
        published += 1;
        offerCall(sapi, published);
      }, 10);
      try {
        await waitFor(() => far.pops.length >= 10, 'a few pops before the stop', 15_000);
        if (signal === 'SIGKILL') {
          daemon.process.kill('SIGKILL');
          await daemon.exited;
        } else expect(await daemon.stop('SIGTERM')).toBe(0);
        limit += 15;
        await waitFor(() => published === limit, 'calls published while the daemon is down');
        daemon = await startDaemon(dir);
        limit += 15;
        await waitFor(() => published === limit, 'calls published after the restart');
      } finally {
        clearInterval(publisher);
      }
      const calls = limit;
      await waitFor(() => count(far, calls).lost === 0, 'a pop for every call', 20_000);
      // Every call, answered after the restart, still has the order number set when it was offered.
      for (let n = 1; n <= calls; n += 1) answerCall(sapi, n);
      await waitFor(() => far.answered.length >= calls, 'every call answered', 20_000);
      expect(await daemon.stop('SIGTERM')).toBe(0);

      expect(count(far, calls)).toMatchObject({ lost: 0, doubled: 0, strangers: [] });
      if (signal === 'SIGTERM') expect(count(far, calls).resent).toBe(0);
      const orders = new Map(far.answered.map((a) => [a.call, a.order]));
      const missing = Array.from({ length: calls }, (_, i) => i + 1).filter(
        (n) => orders.get(guid(n)) !== order(n),
      );
      expect(missing).toEqual([]);
      // One subscription id across the restart, so SAPI replayed what the daemon missed.
      const subscriptions = new Set(
        sapi.requests.filter((r) => r.status === 200).map((r) => r.subscriptionId),
      );
      expect(subscriptions.size).toBe(1);
    }, 120_000);
  }

  test('SIGKILL while 20 pops wait on a slow CRM step: after the restart each call pops once', async () => {
    const { sapi, far, dir } = await setUp();
    far.holding = true;
    const first = await startDaemon(dir);
    const calls = 20;
    for (let n = 1; n <= calls; n += 1) offerCall(sapi, n);
    await waitFor(() => far.held.length === calls, 'every lookup in flight', 20_000);
    first.process.kill('SIGKILL');
    await first.exited;
    expect(far.pops).toHaveLength(0);

    far.release();
    const second = await startDaemon(dir);
    await waitFor(() => count(far, calls).lost === 0, 'a pop for every call', 20_000);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(count(far, calls)).toEqual({ lost: 0, doubled: 0, resent: 0, strangers: [] });
  }, 120_000);

  test('SIGTERM with the slow CRM step longer than the drain time: after the restart each call pops once', async () => {
    const { sapi, far, dir } = await setUp(800);
    far.holding = true;
    const first = await startDaemon(dir);
    const calls = 20;
    for (let n = 1; n <= calls; n += 1) offerCall(sapi, n);
    await waitFor(() => far.held.length === calls, 'every lookup in flight', 20_000);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(far.pops).toHaveLength(0);

    far.release();
    const second = await startDaemon(dir);
    await waitFor(() => count(far, calls).lost === 0, 'a pop for every call', 20_000);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(count(far, calls)).toEqual({ lost: 0, doubled: 0, resent: 0, strangers: [] });
  }, 120_000);
});
