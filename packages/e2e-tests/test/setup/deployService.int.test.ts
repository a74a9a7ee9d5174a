import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { XcallyEmulator } from '@switchboard/adapter-xcally/testing';
import {
  type DaemonProcess,
  rulesRunnerBin,
  spawnDaemon,
  type TempDir,
  tempDir,
} from '@switchboard/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { docFile, parseEnvironmentFile } from './deployDoc.js';
import { repoRoot } from './repoRoot.js';
import { serviceSetting } from './systemdUnit.js';

// docs/deploy.md's configuration, run the way deploy/switchboard.service runs it: the environment file's
// values as the environment, /etc/switchboard as the working folder, output to a pipe (as to journald),
// the unit's ExecReload and KillSignal signals. Against the xCALLY emulator, which requires the token.
// Only the xCALLY URL and state.dir (the unit's /var/lib folder) are pointed at this test's own.

const configText = docFile('/etc/switchboard/switchboard.yaml');
const environment = parseEnvironmentFile(docFile('/etc/switchboard/switchboard.env'));
const healthcheck = `${repoRoot}/deploy/healthcheck.mjs`;

/** The signal an `ExecReload=/bin/kill -HUP $MAINPID` line sends. */
function reloadSignal(): NodeJS.Signals {
  const name = /^\/bin\/kill -(\w+) \$MAINPID$/.exec(serviceSetting('ExecReload') ?? '')?.[1];
  return `SIG${name}` as NodeJS.Signals;
}

function runHealthcheck(env: Record<string, string>) {
  const { ADMIN_TOKEN: _, ...inherited } = process.env;
  return spawnSync(process.execPath, [healthcheck], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

function adminPort(daemon: DaemonProcess): string {
  return new URL(daemon.admin ?? 'http://missing').port;
}

/** An xCALLY `up` of a Sales call, as xcally-realtime sends it. */
function answered(uniqueid: string, ordernumber: string) {
  return {
    event: 'up',
    queue: 'Sales',
    agentname: 'Andrea Bianco',
    agentnum: '1000',
    peer: 'SIP/andrea.bianco',
    direction: 'inbound',
    uniqueid,
    callernum: '+3228887766',
    holdtime: '2',
    ringtime: '0',
    up: true,
    ordernumber,
  };
}

// Each test may start a daemon or run the CLI twice: room for a loaded 2-core machine.
describe('docs/deploy.md configuration under the unit’s conditions', { timeout: 60_000 }, () => {
  let etc: TempDir;
  let emulator: XcallyEmulator;
  let daemon: DaemonProcess;
  let config: string;

  beforeAll(async () => {
    etc = await tempDir('switchboard-etc-');
    emulator = await XcallyEmulator.start({ profile: 'v4', token: environment.XCALLY_TOKEN ?? '' });
    const url = emulator.url;
    const document = parse(configText);
    document.adapters.xcally.options.url = url;
    document.state.dir = `${etc.path}/state`;
    config = await etc.write('switchboard.yaml', stringify(document));
    await etc.write('rules/sales.yaml', docFile('/etc/switchboard/rules/sales.yaml'));
    await etc.write('tests/sales.test.yaml', docFile('/etc/switchboard/tests/sales.test.yaml'));
  });

  afterAll(async () => {
    await daemon?.stop('SIGKILL');
    await emulator?.close();
    await etc?.remove();
  });

  test('the config keeps its state where the unit lets it write, and leaves reloading to systemctl', () => {
    const document = parse(configText);
    expect(document.state.dir).toBe(`/var/lib/${serviceSetting('StateDirectory')}`);
    expect(document.watch).toBe(false);
    expect(`/etc/switchboard/switchboard.yaml`).toBe(
      / --config (\S+)/.exec(serviceSetting('ExecStart') ?? '')?.[1],
    );
  });

  test('the environment file holds exactly the variables the config reads', () => {
    const read = [...configText.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(environment).sort()).toEqual(read);
    expect(serviceSetting('EnvironmentFile')).toBe('/etc/switchboard/switchboard.env');
  });

  test('the check step: validate and the rule tests pass with the environment file', () => {
    for (const command of ['validate', 'test']) {
      const result = spawnSync(process.execPath, [rulesRunnerBin(), command, '--config', config], {
        cwd: etc.path,
        env: { ...process.env, ...environment, NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status, `${command}: ${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  test('started like the unit, it connects with the secret token and pops the order page', async () => {
    daemon = await spawnDaemon(config, { cwd: etc.path, env: environment });
    await daemon.waitForLog((l) => l.msg.startsWith('connected to xcally-realtime'), 'the xCALLY connection');
    emulator.emit(answered('1700000000.1', 'A&B 42'));
    const [command] = await emulator.waitForCommands('AgentCTI', 1, 10_000);
    expect(command?.payload).toEqual({
      url: 'https://crm.example.com/sales?ordernumber=A%26B%2042',
      peer: 'SIP/andrea.bianco',
      mode: 'new_frame',
    });
    // The secrets never reach the log (journald).
    const log = JSON.stringify(daemon.logs) + daemon.stderr();
    for (const secret of Object.values(environment)) expect(log).not.toContain(secret);
  });

  test('the container health check passes against the running daemon', () => {
    const result = runHealthcheck({ SWITCHBOARD_ADMIN_PORT: adminPort(daemon) });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('systemctl reload (the unit’s ExecReload signal) picks up a changed rule', async () => {
    expect(reloadSignal()).toBe('SIGHUP');
    const rules = docFile('/etc/switchboard/rules/sales.yaml');
    await writeFile(`${etc.path}/rules/sales.yaml`, rules.replace('crm.example.com', 'crm2.example.com'));
    daemon.process.kill(reloadSignal());
    await daemon.waitForLog((l) => l.msg.startsWith('rules reloaded'), 'the reload');
    emulator.clearReceived();
    emulator.emit(answered('1700000000.2', '43'));
    const [command] = await emulator.waitForCommands('AgentCTI', 1, 10_000);
    expect(command?.payload).toMatchObject({ url: 'https://crm2.example.com/sales?ordernumber=43' });
    expect(daemon.process.exitCode).toBeNull();
  });

  test('the unit’s KillSignal stops it cleanly, well within TimeoutStopSec', async () => {
    const port = adminPort(daemon);
    expect(serviceSetting('KillSignal')).toBe('SIGTERM');
    const started = Date.now();
    expect(await daemon.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(Number(serviceSetting('TimeoutStopSec')) * 1000);
    const after = runHealthcheck({ SWITCHBOARD_ADMIN_PORT: port });
    expect(after.status).toBe(1);
    expect(after.stderr).toContain('ECONNREFUSED');
  });
});

describe('the container health check with the admin surface on every address', { timeout: 60_000 }, () => {
  test('it needs ADMIN_TOKEN, and passes with it', async () => {
    const dir = await tempDir('switchboard-health-');
    const token = environment.ADMIN_TOKEN ?? '';
    const config = await dir.write(
      'switchboard.yaml',
      'adapters: {}\nrules: []\nallowNoRules: true\nadmin: { host: 0.0.0.0, token: "${ADMIN_TOKEN}" }\nstate: { dir: state }\n',
    );
    const daemon = await spawnDaemon(config, { cwd: dir.path, env: { ADMIN_TOKEN: token } });
    try {
      const port = adminPort(daemon);
      const without = runHealthcheck({ SWITCHBOARD_ADMIN_PORT: port });
      expect(without.status).toBe(1);
      expect(without.stderr).toBe(`http://127.0.0.1:${port}/healthz answered 401\n`);
      const withToken = runHealthcheck({ SWITCHBOARD_ADMIN_PORT: port, ADMIN_TOKEN: token });
      expect(withToken.stderr).toBe('');
      expect(withToken.status).toBe(0);
    } finally {
      await daemon.stop();
      await dir.remove();
    }
  });
});
