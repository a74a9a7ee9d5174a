import { spawn } from 'node:child_process';
import {
  type DaemonProcess,
  rulesRunnerBin,
  spawnDaemon,
  type TempDir,
  tempDir,
  waitFor,
} from '@switchboard/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { XcallyEmulator } from '../src/testing/index.js';
import { adapterPath } from './support/daemonConfig.js';
import { HeldCrm } from './support/HeldCrm.js';

/**
 * On socket.io's polling transport a command leaves in a POST, and while one POST is in flight the next
 * commands wait in the client's buffer. An action reported ok must already be past that buffer: else a
 * stop right after it (SIGTERM, or the end of `replay`) closes the socket and the command is gone.
 */
const rules = (crm: string) => `rules:
  - name: pop-on-ring
    on: xcally.ringing
    do:
      - http: { url: "${crm}/lookup?call={{ call.id }}" }
      - wakeup: { url: "http://crm.example/calls/{{ call.id }}" }
`;

let dir: TempDir | undefined;
let emulator: XcallyEmulator | undefined;
let crm: HeldCrm | undefined;
let daemon: DaemonProcess | undefined;

afterEach(async () => {
  await daemon?.stop('SIGKILL');
  await emulator?.close();
  await crm?.close();
  await dir?.remove();
  daemon = undefined;
  emulator = undefined;
  crm = undefined;
  dir = undefined;
});

async function setUp(): Promise<{ config: string; dir: TempDir; emulator: XcallyEmulator; crm: HeldCrm }> {
  crm = new HeldCrm();
  const crmUrl = await crm.listen();
  emulator = await XcallyEmulator.start({ profile: 'v2', acks: true });
  dir = await tempDir('xcally-polling-');
  await dir.write('rules.yaml', rules(crmUrl));
  const config = await dir.write(
    'switchboard.yaml',
    `adapters:
  xcally:
    use: ${JSON.stringify(adapterPath)}
    options:
      url: ${JSON.stringify(emulator.url)}
      protocol: v2
      transports: [polling]
      reconnect: { initialMs: 50, maxMs: 300 }
rules: ["rules.yaml"]
state: { dir: state }
shutdown: { drainTimeout: 10000 }
log: { level: info, format: json }
`,
  );
  return { config, dir, emulator, crm };
}

const ringing = (n: number) => ({
  event: 'ringing',
  queue: 'Sales',
  uniqueid: `1700000000.${n}`,
  peer: `SIP/agent-${n % 4}`,
  agentnum: `100${n % 4}`,
  callernum: '+3228887766',
  ringing: true,
});

/** The URLs of the AgentCTI commands the emulator received. */
const receivedUrls = (e: XcallyEmulator): Set<string> =>
  new Set(e.received('AgentCTI').map((c) => String((c.payload as { url?: unknown }).url)));

describe('xCALLY on the polling transport', () => {
  it('a rule fires and SIGTERM follows at once: every action the daemon reported ok, the emulator has', async () => {
    const { config, dir, emulator, crm } = await setUp();
    daemon = await spawnDaemon(config, { cwd: dir.path });
    await daemon.waitForLog((l) => l.msg.startsWith('connected to xcally-realtime'), 'the connection');
    await emulator.waitForClients(1);
    // 30 calls ring. The daemon acknowledges each once it is recorded, and its rule starts: all 30 wait
    // on their CRM lookup. Answered at once, they emit 30 pops together: one POST carries the first,
    // the others wait in the client's buffer. The first pop arrives: SIGTERM.
    for (let n = 0; n < 30; n += 1) emulator.emit(ringing(n));
    await waitFor(
      () => emulator.emitted().every((e) => e.receivedBy === 1) && crm.held.length === 30,
      'the 30 rings recorded and their lookups in flight',
      15_000,
    );
    crm.release();
    await emulator.waitForCommands('AgentCTI', 1);
    const first = daemon;
    expect(await first.stop('SIGTERM')).toBe(0);

    const ok = first.logs
      .filter((l) => /^action wakeup via xcally ok/.test(l.msg))
      .map((l) => String(l.eventId));
    const failed = first.logs.filter((l) => /^action wakeup via xcally FAILED/.test(l.msg));
    // Recorded and running before the stop: the drain waited for every pop's write to be confirmed.
    expect(ok).toHaveLength(30);
    expect(failed).toEqual([]);
    const urls = receivedUrls(emulator);
    // Every ok'd pop reached the emulator (event id `xcally:ringing:<uniqueid>:<peer>`).
    const missing = ok.filter((id) => !urls.has(`http://crm.example/calls/${id.split(':')[2]}`));
    expect(missing).toEqual([]);
  }, 60_000);

  it('`replay` reports an action ok only once the emulator has its command', async () => {
    const { config, dir, emulator, crm } = await setUp();
    crm.release();
    const lines = Array.from({ length: 20 }, (_, n) => JSON.stringify({ vendor: ringing(n) })).join('\n');
    const file = await dir.write('events.ndjson', `${lines}\n`);
    const child = spawn(process.execPath, [rulesRunnerBin(), 'replay', file, '--config', config], {
      cwd: dir.path,
      env: { ...process.env, NO_COLOR: '1', SWITCHBOARD_ADMIN_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        child.on('exit', resolve);
        timer = setTimeout(() => reject(new Error(`replay did not finish\n${stdout}\n${stderr}`)), 45_000);
      });
      expect(code, `${stdout}\n${stderr}`).toBe(0);
    } finally {
      clearTimeout(timer);
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
    const ok = [...stdout.matchAll(/wakeup via xcally .*"url":"([^"]+)".* ok$/gm)].map((m) => m[1]);
    expect(ok).toHaveLength(20);
    const urls = receivedUrls(emulator);
    expect(ok.filter((url) => !urls.has(String(url)))).toEqual([]);
  }, 60_000);
});
