import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, expect, test } from 'vitest';
import { post } from './support/post.js';

/**
 * The real daemon, stopped with SIGKILL (a crash) or SIGTERM past its drain time, and started again on
 * the same state folder: every POST the sender got a 202 for runs once, and a POST sent again because
 * its answer never came runs once too. Counted at the far side's HTTP endpoint, per call.
 */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const token = 'crash-test-token-5e0b1d';
const auth = { authorization: `Bearer ${token}` };

/**
 * The CRM: `/lookup` answers only once released (so the rules are caught mid-way, before their last
 * action), `/log/<call>` is the side effect counted per call.
 */
class FarSide {
  readonly logged = new Map<string, number>();
  readonly lookups: string[] = [];
  #holding = true;
  readonly #held: ServerResponse[] = [];
  readonly #server: Server = createServer((request, response) => void this.#handle(request, response));

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Lookups answer at once from now on, the held ones too. */
  release(): void {
    this.#holding = false;
    for (const response of this.#held.splice(0)) answer(response);
  }

  async close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for await (const _chunk of request) {
      // drained
    }
    const url = request.url ?? '';
    if (url.startsWith('/lookup/')) {
      this.lookups.push(url.slice('/lookup/'.length));
      if (this.#holding) this.#held.push(response);
      else answer(response);
      return;
    }
    const call = url.slice('/log/'.length);
    this.logged.set(call, (this.logged.get(call) ?? 0) + 1);
    answer(response);
  }
}

function answer(response: ServerResponse): void {
  if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}');
}

let dir: TempDir | undefined;
let far: FarSide | undefined;
let daemon: DaemonProcess | undefined;

afterEach(async () => {
  await daemon?.stop('SIGKILL');
  await far?.close();
  await dir?.remove();
  daemon = undefined;
});

async function setUp(drainTimeout: number): Promise<{ config: string; farSide: FarSide }> {
  const farSide = new FarSide();
  far = farSide;
  const farUrl = await farSide.listen();
  dir = await tempDir('switchboard-webhook-crash-');
  await dir.write(
    'rules.yaml',
    `rules:
  - name: lookup-then-log
    on: call.offered
    do:
      - http: { url: "${farUrl}/lookup/{{ call.id }}", timeout: 60000 }
        save: crm
      - http: { method: POST, url: "${farUrl}/log/{{ call.id }}", body: { source: "{{ source }}" } }
`,
  );
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  hooks:
    use: ${JSON.stringify(packageDir)}
    options: { auth: { bearer: "${token}" } }
  synced:
    use: ${JSON.stringify(packageDir)}
    options: { auth: { bearer: "${token}" }, sync: true, syncTimeout: 30000 }
rules: [rules.yaml]
server: { host: 127.0.0.1, port: 0 }
state: { dir: state }
shutdown: { drainTimeout: ${drainTimeout} }
watch: false
log: { level: info, format: json }
`,
  );
  return { config, farSide };
}

async function start(config: string): Promise<DaemonProcess> {
  const cwd = join(config, '..');
  daemon = await spawnDaemon(config, { cwd, env: { SWITCHBOARD_STATE_DIR: join(cwd, 'state') } });
  return daemon;
}

const offered = (n: string) => ({ type: 'call.offered', id: `offer-${n}`, call: { id: `call-${n}` } });
const url = (d: DaemonProcess, instance: string) => `${d.address}/adapters/${instance}/events`;

/** Per call: none logged (lost) and logged more than once (doubled). */
function lostAndDoubled(side: FarSide, calls: readonly string[]) {
  return {
    lost: calls.filter((c) => (side.logged.get(`call-${c}`) ?? 0) === 0),
    doubled: calls.filter((c) => (side.logged.get(`call-${c}`) ?? 0) > 1),
  };
}

/** A later event's rules ran to the end: a second run of the earlier ones would have shown by now. */
async function settled(d: DaemonProcess, side: FarSide, marker: string): Promise<void> {
  expect((await post(url(d, 'hooks'), offered(marker), auth)).status).toBe(202);
  await waitFor(() => side.logged.get(`call-${marker}`) === 1, `the marker ${marker}`);
}

test('SIGKILL: what got a 202, a sync POST whose answer never came and a half-sent POST each run once after the restart', async () => {
  const { config, farSide } = await setUp(5000);
  const first = await start(config);
  const burst = Array.from({ length: 10 }, (_, i) => `k${i}`);
  for (const n of burst) {
    expect(await post(url(first, 'hooks'), offered(n), auth)).toEqual({
      status: 202,
      body: { accepted: [`offer-${n}`] },
    });
  }
  // Its answer (after the rules) never comes: the daemon is killed while the lookup is held.
  const unanswered = post(url(first, 'synced'), offered('sync'), auth).then(
    () => 'answered',
    () => 'failed',
  );
  // Headers and half of the body sent; the daemon dies before the rest.
  const half = JSON.stringify(offered('half'));
  const socket = connect(Number(new URL(first.address as string).port), '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const request = `POST /adapters/hooks/events HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\ncontent-length: ${half.length}\r\n\r\n${half.slice(0, 20)}`;
  await new Promise<void>((resolve) => socket.write(request, () => resolve()));
  await waitFor(
    () => [...burst, 'sync'].every((n) => farSide.lookups.includes(`call-${n}`)),
    'every rule to be mid-way (its lookup held)',
  );

  await first.stop('SIGKILL');
  expect(await unanswered).toBe('failed');
  socket.destroy();
  expect(farSide.logged.size).toBe(0);
  farSide.release();

  const second = await start(config);
  // The recorded events run again by themselves (the reconciler), before any retry.
  await waitFor(
    () => [...burst, 'sync'].every((n) => farSide.logged.get(`call-${n}`) === 1),
    'the recorded events to run after the restart',
  );
  // The senders retry what they are not sure of: duplicates of what was recorded, the half-sent one anew.
  for (const n of burst.slice(0, 3)) {
    expect(await post(url(second, 'hooks'), offered(n), auth)).toEqual({
      status: 202,
      body: { accepted: [`offer-${n}`], duplicates: [`offer-${n}`] },
    });
  }
  const retried = await post(url(second, 'synced'), offered('sync'), auth);
  expect(retried.status).toBe(200);
  expect(retried.body).toMatchObject({ duplicates: ['offer-sync'], events: [{ status: 'duplicate' }] });
  expect(await post(url(second, 'hooks'), offered('half'), auth)).toEqual({
    status: 202,
    body: { accepted: ['offer-half'] },
  });
  await settled(second, farSide, 'marker');
  expect(lostAndDoubled(farSide, [...burst, 'sync', 'half'])).toEqual({ lost: [], doubled: [] });
}, 90_000);

test('SIGTERM past the drain time: what got a 202 runs once after the restart', async () => {
  const { config, farSide } = await setUp(500);
  const first = await start(config);
  const burst = Array.from({ length: 5 }, (_, i) => `t${i}`);
  for (const n of burst) expect((await post(url(first, 'hooks'), offered(n), auth)).status).toBe(202);
  await waitFor(
    () => burst.every((n) => farSide.lookups.includes(`call-${n}`)),
    'every rule to be mid-way (its lookup held)',
  );
  expect(await first.stop('SIGTERM')).toBe(0);
  expect(farSide.logged.size).toBe(0);
  farSide.release();

  const second = await start(config);
  await waitFor(
    () => burst.every((n) => farSide.logged.get(`call-${n}`) === 1),
    'the recorded events to run after the restart',
  );
  for (const n of burst) {
    expect((await post(url(second, 'hooks'), offered(n), auth)).body).toEqual({
      accepted: [`offer-${n}`],
      duplicates: [`offer-${n}`],
    });
  }
  await settled(second, farSide, 'marker');
  expect(lostAndDoubled(farSide, burst)).toEqual({ lost: [], doubled: [] });
}, 90_000);
