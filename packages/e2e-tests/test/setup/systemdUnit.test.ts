import { spawnSync } from 'node:child_process';
import { rulesRunnerBin, type TempDir, tempDir } from '@switchboard/test-support';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseUnit, service, serviceSetting, unit, unitText } from './systemdUnit.js';

// deploy/switchboard.service, checked twice: its settings read here (what docs/deploy.md promises), and
// by systemd's own tools. scripts/ensure-test-deps.mjs installs systemd-analyze on Linux.

const onLinux = process.platform === 'linux';

describe('deploy/switchboard.service settings', () => {
  test('runs rules-runner start from /opt/switchboard on /etc/switchboard/switchboard.yaml', () => {
    expect(serviceSetting('ExecStart')).toBe(
      '/opt/switchboard/node_modules/.bin/rules-runner start --config /etc/switchboard/switchboard.yaml',
    );
    expect(serviceSetting('WorkingDirectory')).toBe('/etc/switchboard');
  });

  test('as a dedicated user, secrets from an environment file, state in its StateDirectory', () => {
    expect(serviceSetting('User')).toBe('switchboard');
    expect(serviceSetting('Group')).toBe('switchboard');
    expect(service.DynamicUser).toBeUndefined();
    expect(serviceSetting('EnvironmentFile')).toBe('/etc/switchboard/switchboard.env');
    expect(serviceSetting('StateDirectory')).toBe('switchboard');
    // Nothing secret in the unit itself.
    expect(service.Environment ?? []).toEqual([]);
  });

  test('hardened: read-only system, no new privileges, no capabilities, few address families', () => {
    expect(serviceSetting('NoNewPrivileges')).toBe('yes');
    expect(serviceSetting('ProtectSystem')).toBe('strict');
    expect(serviceSetting('ProtectHome')).toBe('yes');
    expect(serviceSetting('PrivateTmp')).toBe('yes');
    expect(serviceSetting('PrivateDevices')).toBe('yes');
    expect(serviceSetting('CapabilityBoundingSet')).toBe('');
    expect(serviceSetting('RestrictAddressFamilies')).toBe('AF_INET AF_INET6 AF_UNIX');
    expect(service.SystemCallFilter).toEqual(['@system-service', '~@privileged']);
    // Node's JIT needs writable+executable memory: this setting would stop it from starting.
    expect(service.MemoryDenyWriteExecute).toBeUndefined();
  });

  test('reload is SIGHUP, stop is SIGTERM with time for the graceful stop, restart on failure', () => {
    expect(serviceSetting('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(serviceSetting('KillSignal')).toBe('SIGTERM');
    // The daemon's default stop budget: shutdown.adapterTimeout 10 s + drainTimeout 5 s + a few seconds.
    expect(Number(serviceSetting('TimeoutStopSec'))).toBeGreaterThanOrEqual(20);
    expect(serviceSetting('Restart')).toBe('on-failure');
    expect(unit.Unit?.StartLimitBurst).toEqual(['5']);
    expect(unit.Install?.WantedBy).toEqual(['multi-user.target']);
  });

  test('the parser reads continuations and refuses what is not a unit file', () => {
    expect(parseUnit('[Service]\nExecStart=/bin/a \\\n  b\n').Service?.ExecStart).toEqual(['/bin/a    b']);
    expect(() => parseUnit('ExecStart=/bin/a\n')).toThrow('not a unit file line');
  });
});

describe.runIf(onLinux)('systemd-analyze', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir('switchboard-unit-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  /** `systemd-analyze verify` of the unit, its ExecStart pointed at this checkout's rules-runner. */
  async function verify(text: string) {
    // verify checks that ExecStart's program exists; /opt/switchboard is not installed on a test machine.
    const execStart = `ExecStart=${process.execPath} ${rulesRunnerBin()} start --config /etc/switchboard/switchboard.yaml`;
    const file = await dir.write('switchboard.service', text.replace(/^ExecStart=.*$/m, execStart));
    const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8', timeout: 60_000 });
    if (result.error) throw result.error;
    return { status: result.status, output: result.stderr + result.stdout };
  }

  test('verify finds nothing wrong', async () => {
    expect(await verify(unitText)).toEqual({ status: 0, output: '' });
  });

  test('verify does report a mistake in the unit (the check can fail)', async () => {
    const result = await verify(unitText.replace('\nUser=switchboard', '\nUserName=switchboard'));
    expect(result.output).toContain("Unknown key 'UserName' in section [Service]");
  });

  test('security rates its exposure "OK" (at most 2.0 of 10)', async () => {
    const file = await dir.write('switchboard.service', unitText);
    const result = spawnSync('systemd-analyze', ['security', '--offline=true', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const overall = /Overall exposure level for switchboard\.service: ([\d.]+) (\w+)/.exec(result.stdout);
    expect(overall, result.stdout + result.stderr).not.toBeNull();
    expect(Number(overall?.[1])).toBeLessThanOrEqual(2);
    expect(overall?.[2]).toBe('OK');
  });
});
