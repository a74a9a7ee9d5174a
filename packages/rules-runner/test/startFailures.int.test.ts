import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TempDir, tempDir } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { type DaemonProcess, killDaemons, portInUse, startDaemon } from './daemonProcess.js';
import { fixtures } from './runCli.js';

let dir: TempDir | undefined;
let blocker: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await killDaemons();
  await blocker?.close();
  blocker = undefined;
  await dir?.remove();
  dir = undefined;
});

const recorder = `  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options:
      out: actions.ndjson
      events: [ { id: e1, type: call.answered, call: { id: c1, queue: Sales } } ]`;

/** A config with the recorder (which connects and publishes an event as soon as it starts) and more. */
async function config(adapters: string, extra = ''): Promise<string> {
  dir = await tempDir();
  await dir.write(
    'rules.yaml',
    `rules:
  - name: note
    on: call.answered
    do:
      - log: { message: "answered {{ call.id }}" }
`,
  );
  return dir.write(
    'switchboard.yaml',
    `adapters:
${recorder}
${adapters}
rules: [ rules.yaml ]
log: { format: json }
${extra}`,
  );
}

const errors = (d: DaemonProcess) => d.lines.filter((l) => l.level >= 50).map((l) => l.msg);
/** No adapter got as far as starting: none reported a state, no event came in. */
const noAdapterStarted = (d: DaemonProcess) => {
  const started = d.lines.filter((l) => typeof l.msg === 'string' && /^(adapter|event) /.test(l.msg));
  expect(started).toEqual([]);
};

describe('a port in use stops the daemon before any adapter starts, naming the setting to change', () => {
  test('the admin port, set by SWITCHBOARD_ADMIN_PORT', async () => {
    const file = await config('');
    const held = await portInUse();
    blocker = held;
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: String(held.port) }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    expect(errors(daemon)).toEqual([
      `the admin surface cannot listen on 127.0.0.1:${held.port}: the port is in use; set SWITCHBOARD_ADMIN_PORT to a free port (0 picks any) [SWB_LISTEN_FAILED]`,
    ]);
    noAdapterStarted(daemon);
  });

  test('the admin port, set by `admin.port`', async () => {
    const held = await portInUse();
    blocker = held;
    const file = await config('', `admin: { port: ${held.port} }`);
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: '' }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    expect(errors(daemon)).toEqual([
      `the admin surface cannot listen on 127.0.0.1:${held.port}: the port is in use; set \`admin.port\` in ${file} to a free port [SWB_LISTEN_FAILED]`,
    ]);
    noAdapterStarted(daemon);
  });

  test('the HTTP surface port (`server.port`), with an adapter that serves a web route', async () => {
    const held = await portInUse();
    blocker = held;
    const file = await config(
      `  web:
    use: ${join(fixtures, 'fault-adapter')}
    options: { serve: true }`,
      `server: { host: 127.0.0.1, port: ${held.port} }`,
    );
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: '0' }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    expect(errors(daemon)).toEqual([
      `the HTTP surface cannot listen on 127.0.0.1:${held.port}: the port is in use; set \`server.port\` in ${file} to a free port [SWB_LISTEN_FAILED]`,
    ]);
    // The web instance fails as it mounts its route, before it connects; the recorder never starts.
    const states = daemon.lines.filter((l) => l.state !== undefined).map((l) => l.msg);
    expect(states[0]).toBe('adapter web failed');
    expect(states.slice(1).sort()).toEqual(['adapter rec stopped', 'adapter web stopped']);
    expect(daemon.lines.some((l) => l.msg === 'event call.answered from rec')).toBe(false);
  });
});

describe('adapter start and stop are bounded per instance', () => {
  test('a start() that never settles: the daemon stops, naming the instance and the setting', async () => {
    const file = await config(
      `  slow:
    use: ${join(fixtures, 'fault-adapter')}
    options: { start: hang }`,
      'startup: { adapterTimeout: 300 }',
    );
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: '0' }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    expect(errors(daemon)).toEqual([
      `adapter instance \`slow\` did not finish starting within 300 ms; raise \`startup.adapterTimeout\` in ${file} if it needs longer [SWB_ADAPTER_TIMEOUT]`,
    ]);
    expect(daemon.lines.some((l) => l.msg === 'stopped cleanly')).toBe(true);
  });

  test('a SIGINT while an adapter is still starting stops the daemon at once', async () => {
    const file = await config(
      `  slow:
    use: ${join(fixtures, 'fault-adapter')}
    options: { start: hang }`,
      'startup: { adapterTimeout: 600000 }',
    );
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: '0' }, dir?.path);
    await daemon.waitForLine((l) => l.msg === 'adapter slow connected', 'the slow adapter to be starting');
    process.kill(daemon.pid, 'SIGINT');
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(0);
    expect(daemon.lines.map((l) => l.msg)).toContain('stopped cleanly');
    expect(daemon.lines.some((l) => l.msg === 'ready')).toBe(false);
  });

  test('a stop() that never settles: SIGTERM still ends the daemon, naming the instance', async () => {
    const file = await config(
      `  stuck:
    use: ${join(fixtures, 'fault-adapter')}
    options: { stop: hang }`,
      'shutdown: { adapterTimeout: 300 }',
    );
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: '0' }, dir?.path);
    await daemon.waitForLine((l) => l.msg === 'ready', 'ready');
    process.kill(daemon.pid, 'SIGTERM');
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(0);
    expect(errors(daemon)).toEqual([
      'adapter instance `stuck` did not stop within 300 ms: shutting down without it [SWB_ADAPTER_TIMEOUT]',
    ]);
  });

  test('a state.dir under /proc: a clear error at its place in the config, no hang', async () => {
    const file = await config(
      `  keeper:
    use: ${join(fixtures, 'fault-adapter')}
    options: { keepState: true }`,
      `state: { dir: /proc/switchboard-test-${process.pid}/state }`,
    );
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: '0' }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    const at = await positionOf(file, `/proc/switchboard-test-${process.pid}/state`);
    expect(errors(daemon)).toEqual([
      `${file}:${at} state.dir \`/proc/switchboard-test-${process.pid}/state\` cannot be used: ENOENT: no such file or directory, mkdir '/proc/switchboard-test-${process.pid}'; set \`state.dir\` to a folder the daemon can write [SWB_STATE_DIR]`,
    ]);
    noAdapterStarted(daemon);
  });

  test('an adapter whose constructor throws is named, at its place in the config', async () => {
    const file = await config(
      `  boom:
    use: ${join(fixtures, 'fault-adapter')}
    options: { construct: throw }`,
    );
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: '0' }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    expect(daemon.stderr()).toBe(
      `${file}:${await positionOf(file, 'boom:')} adapter instance \`boom\` (fault-adapter (test fixture)) cannot be created: the vendor SDK refused these options [SWB_PLUGIN_LOAD]\nnot started: fix the problems above\n`,
    );
  });

  test('SWITCHBOARD_ADMIN_PORT that is not a port gets our message, before anything starts', async () => {
    const file = await config('');
    const daemon = startDaemon(file, { SWITCHBOARD_ADMIN_PORT: 'abc' }, dir?.path);
    expect(await daemon.exitWithin(15_000), daemon.dump()).toBe(1);
    expect(daemon.stderr()).toBe(
      'SWITCHBOARD_ADMIN_PORT="abc" is not a port: use a number from 0 (any free port) to 65535 [SWB_USAGE]\nnot started: fix the problems above\n',
    );
    expect(daemon.lines).toEqual([]);
  });
});

/** `line:col` (1-based) where `text` first appears in the file. */
async function positionOf(file: string, text: string): Promise<string> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return `${line + 1}:${(lines[line]?.indexOf(text) ?? 0) + 1}`;
}
