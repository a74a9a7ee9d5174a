import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { type DaemonProcess, spawnDaemon, type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { bin, fixtures } from './runCli.js';

let daemon: DaemonProcess | undefined;
let dir: TempDir | undefined;
let busy: Server | undefined;
afterEach(async () => {
  await daemon?.stop('SIGKILL');
  await dir?.remove();
  busy?.close();
  daemon = undefined;
  dir = undefined;
  busy = undefined;
});

async function config(extra = ''): Promise<string> {
  dir = await tempDir();
  await dir.write(
    'rules.yaml',
    'rules:\n  - name: popup\n    on: call.answered\n    do:\n      - wakeup: { url: "http://crm/{{ call.id }}" }\n',
  );
  return dir.write(
    'switchboard.yaml',
    `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options: { out: actions.ndjson, events: [ { id: e1, type: call.answered, call: { id: c1 } } ] }
rules: [ rules.yaml ]
log: { level: info, format: json }
${extra}`,
  );
}

/** The action the recorder adapter carried out, once it is there: the event was handled. */
const handled = (d: TempDir) =>
  waitFor(
    async () => (await readFile(join(d.path, 'actions.ndjson'), 'utf8').catch(() => '')).includes('c1'),
    'the action',
  );

describe('start: flags and variables over the config', () => {
  test('--log-level warn hides the per-event lines but not the start and ready lines', async () => {
    daemon = await spawnDaemon(await config(), { cwd: dir?.path, args: ['--log-level', 'warn'] });
    await handled(dir as TempDir);
    expect(daemon.logs.some((l) => l.msg === 'ready')).toBe(true);
    expect(
      daemon.logs.filter((l) => String(l.msg).startsWith('event ') || String(l.msg).startsWith('action ')),
    ).toEqual([]);
  });

  test('SWITCHBOARD_LOG_LEVEL does the same; the config’s level applies without it', async () => {
    daemon = await spawnDaemon(await config(), { cwd: dir?.path, env: { SWITCHBOARD_LOG_LEVEL: 'warn' } });
    await handled(dir as TempDir);
    expect(daemon.logs.filter((l) => String(l.msg).startsWith('event '))).toEqual([]);
    await daemon.stop();
    await dir?.remove();
    daemon = await spawnDaemon(await config(), { cwd: dir?.path });
    await daemon.waitForLog((l) => String(l.msg).startsWith('event call.answered'), 'the event line at info');
  });

  test('--admin-port wins over `admin.port`; the console URL is printed once ready', async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy?.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    // Without the flag this config could not start: its admin port is taken.
    daemon = await spawnDaemon(await config(`admin: { port: ${taken} }\n`), {
      cwd: dir?.path,
      env: { SWITCHBOARD_ADMIN_PORT: '' },
      args: ['--admin-port', '0'],
    });
    const admin = daemon.admin as string;
    expect(new URL(admin).port).not.toBe(String(taken));
    await waitFor(() => daemon?.stderr().includes('console on'), 'the console line');
    expect(daemon.stderr()).toContain(`rules-runner: console on ${admin}/console/\n`);
    expect((await fetch(`${admin}/console/`)).status).toBe(200);
  });

  test('--log-format pretty writes lines for people; a bad --admin-port is a usage error', async () => {
    const file = await config();
    const child = spawn(
      process.execPath,
      [bin, 'start', '-c', file, '--log-format', 'pretty', '--admin-port', '0'],
      {
        cwd: dir?.path,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await waitFor(() => /INFO.*: ready/.test(out), 'the pretty ready line', 20_000);
      expect(out.split('\n')[0]).not.toMatch(/^\{/);
    } finally {
      process.kill(-(child.pid as number), 'SIGKILL');
      await exited;
    }
    const bad = spawn(process.execPath, [bin, 'start', '-c', file, '--admin-port', 'eighty'], {
      cwd: dir?.path,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    bad.stderr.on('data', (c) => (err += c));
    const code = await new Promise((resolve) => bad.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain(
      '--admin-port "eighty" is not a port: use a number from 0 (any free port) to 65535 [SWB_USAGE]',
    );
  });
});
