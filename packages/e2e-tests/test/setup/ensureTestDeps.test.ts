import { spawnSync } from 'node:child_process';
import { chmod, copyFile, readFile } from 'node:fs/promises';
import { type TempDir, tempDir } from '@switchboard/test-support';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { repoRoot } from './repoRoot.js';

// scripts/ensure-test-deps.mjs runs first in `npm test`. This machine has Chromium and redis-server, so the
// tests make the script think they are missing (SWITCHBOARD_TEST_DEPS_ASSUME_MISSING), put stand-ins for
// apt-get and sudo first on PATH that only record how they were called, and run the script as a real
// non-root user (nobody) where the case needs one.

const source = `${repoRoot}/scripts/ensure-test-deps.mjs`;
const runningAsRoot = process.getuid?.() === 0;
const nobody = 65534;

/** A stand-in that appends one line per call to $FAKE_LOG: its arguments, DEBIAN_FRONTEND, and its stdin. */
const recorder = (name: string, body: string) => `#!/bin/sh
if read -r line; then stdin=open; else stdin=eof; fi
printf '%s %s | DEBIAN_FRONTEND=%s | stdin=%s\\n' '${name}' "$*" "\${DEBIAN_FRONTEND:-}" "$stdin" >> "$FAKE_LOG"
${body}
`;

let dir: TempDir;
let bin: string;
let log: string;
/**
 * The script, copied into the test's folder: the checkout itself may not be readable by nobody (a clone in
 * a 0700 folder of mktemp), and the script needs nothing beside it.
 */
let script: string;

beforeEach(async () => {
  dir = await tempDir('switchboard-ensure-deps-');
  bin = `${dir.path}/bin`;
  log = await dir.write('calls.log', '');
  await dir.write('bin/.keep', '');
  // The non-root runs (as nobody) must reach the stand-ins and append to the log.
  await chmod(dir.path, 0o755);
  await chmod(bin, 0o755);
  await chmod(log, 0o666);
  script = `${dir.path}/ensure-test-deps.mjs`;
  await copyFile(source, script);
  await chmod(script, 0o644);
});

afterEach(async () => {
  await dir.remove();
});

async function fake(name: string, body = 'exit 0'): Promise<void> {
  await chmod(await dir.write(`bin/${name}`, recorder(name, body)), 0o755);
}

interface Run {
  status: number | null;
  stderr: string;
  calls: string[];
}

/** Runs the script like CI does: CI=true, no stdin, bounded. */
async function ensure(env: Record<string, string>, options: { nonRoot?: boolean } = {}): Promise<Run> {
  // Whatever DEBIAN_FRONTEND the test runner has, the stand-ins must see only what the script sets.
  const { DEBIAN_FRONTEND: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [script], {
    cwd: dir.path,
    env: { ...inherited, CI: 'true', FAKE_LOG: log, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 30_000,
    ...(options.nonRoot && runningAsRoot ? { uid: nobody, gid: nobody } : {}),
  });
  if (result.error) throw result.error;
  const calls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { status: result.status, stderr: result.stderr, calls };
}

const allMissing = { SWITCHBOARD_TEST_DEPS_ASSUME_MISSING: 'chromium,redis-server,systemd' };
const onlyFakes = () => ({ PATH: bin });

describe('scripts/ensure-test-deps.mjs', () => {
  test('with Chromium and redis-server present it says where they are and installs nothing', async () => {
    await fake('apt-get');
    const run = await ensure({ PATH: `${bin}:${process.env.PATH}` });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /found Chromium \(\/\S+\), redis-server \(\/\S+\), systemd-analyze \(\/\S+\)\n$/,
    );
    expect(run.calls).toEqual([]);
  });

  test.runIf(runningAsRoot)(
    'as root, the dry run prints the exact apt-get commands and runs none',
    async () => {
      await fake('apt-get');
      const run = await ensure({
        ...allMissing,
        SWITCHBOARD_TEST_DEPS_DRY_RUN: '1',
        PATH: `${bin}:/usr/bin`,
      });
      expect(run.status).toBe(0);
      expect(run.stderr.split('\n').filter((l) => l.includes('would run'))).toEqual([
        'ensure-test-deps: dry run, would run: DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300',
        'ensure-test-deps: dry run, would run: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends --no-upgrade -o DPkg::Lock::Timeout=300 chromium redis-server systemd',
      ]);
      expect(run.calls).toEqual([]);
    },
  );

  test.runIf(runningAsRoot)('as root, it runs apt-get without a terminal, then checks again', async () => {
    await fake('apt-get');
    const run = await ensure({ SWITCHBOARD_TEST_DEPS_ASSUME_MISSING: 'chromium', PATH: `${bin}:/usr/bin` });
    expect(run.status).toBe(0);
    expect(run.calls).toEqual([
      'apt-get update -o DPkg::Lock::Timeout=300 | DEBIAN_FRONTEND=noninteractive | stdin=eof',
      'apt-get install -y --no-install-recommends --no-upgrade -o DPkg::Lock::Timeout=300 chromium | DEBIAN_FRONTEND=noninteractive | stdin=eof',
    ]);
  });

  test.runIf(runningAsRoot)('a failing apt-get fails the tests with the command to run by hand', async () => {
    await fake('apt-get', 'exit 100');
    const run = await ensure({ ...allMissing, PATH: `${bin}:/usr/bin` });
    expect(run.status).toBe(1);
    expect(run.calls).toHaveLength(1);
    expect(run.stderr).toContain(
      'that failed (exit 100); run it by hand to see why:\nensure-test-deps:   apt-get update && apt-get install -y --no-install-recommends --no-upgrade chromium redis-server systemd\n',
    );
  });

  test.runIf(runningAsRoot)(
    'a binary apt-get did not bring (REDIS_SERVER_PATH elsewhere) is reported',
    async () => {
      await fake('apt-get');
      const run = await ensure({ REDIS_SERVER_PATH: `${dir.path}/no/redis-server`, PATH: `${bin}:/usr/bin` });
      expect(run.stderr).toContain(`redis-server is missing (looked for ${dir.path}/no/redis-server)`);
      expect(run.calls.map((call) => call.split(' | ')[0])).toEqual([
        'apt-get update -o DPkg::Lock::Timeout=300',
        'apt-get install -y --no-install-recommends --no-upgrade -o DPkg::Lock::Timeout=300 redis-server',
      ]);
      expect(run.stderr).toContain(
        `apt-get ran but redis-server is still not found (${dir.path}/no/redis-server)`,
      );
      expect(run.status).toBe(1);
    },
  );

  test('not root and no sudo: it says so and what to run as root, and runs nothing', async () => {
    await fake('apt-get');
    const run = await ensure({ ...allMissing, ...onlyFakes() }, { nonRoot: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      [
        'ensure-test-deps: Chromium is missing (SWITCHBOARD_TEST_DEPS_ASSUME_MISSING says so); needed by the browser tests.',
        'ensure-test-deps: redis-server is missing (SWITCHBOARD_TEST_DEPS_ASSUME_MISSING says so); needed by the tests that run a Redis server.',
        'ensure-test-deps: systemd-analyze is missing (SWITCHBOARD_TEST_DEPS_ASSUME_MISSING says so); needed by the test of the systemd unit (deploy/switchboard.service).',
        'ensure-test-deps: cannot install what is missing: this user is not root and sudo is not installed. Run this as root, then the tests again:',
        'ensure-test-deps:   apt-get update && apt-get install -y --no-install-recommends --no-upgrade chromium redis-server systemd',
        '',
      ].join('\n'),
    );
    expect(run.calls).toEqual([]);
  });

  test('not root and sudo wants a password: sudo is only asked with -n, and it says what to run', async () => {
    await fake('apt-get');
    await fake('sudo', 'if [ "$1" = -n ]; then echo "sudo: a password is required" >&2; exit 1; fi\nexit 0');
    const run = await ensure({ ...allMissing, ...onlyFakes() }, { nonRoot: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'cannot install what is missing: this user is not root and sudo needs a password (sudo: a password is required). Run this with sudo, then the tests again:\n' +
        'ensure-test-deps:   sudo apt-get update && sudo apt-get install -y --no-install-recommends --no-upgrade chromium redis-server systemd\n',
    );
    expect(run.calls).toEqual(['sudo -n true | DEBIAN_FRONTEND= | stdin=eof']);
  });

  test('not root, sudo without a password: the dry run prints the sudo commands', async () => {
    await fake('apt-get');
    await fake('sudo');
    const run = await ensure(
      { ...allMissing, ...onlyFakes(), SWITCHBOARD_TEST_DEPS_DRY_RUN: '1' },
      { nonRoot: true },
    );
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes('would run'))).toEqual([
      'ensure-test-deps: dry run, would run: sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300',
      'ensure-test-deps: dry run, would run: sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends --no-upgrade -o DPkg::Lock::Timeout=300 chromium redis-server systemd',
    ]);
    expect(run.calls).toEqual(['sudo -n true | DEBIAN_FRONTEND= | stdin=eof']);
  });

  test('not root, sudo without a password: it installs through sudo -n, then checks again', async () => {
    await fake('apt-get');
    await fake('sudo');
    const run = await ensure(
      { SWITCHBOARD_TEST_DEPS_ASSUME_MISSING: 'chromium', PATH: `${bin}:/usr/bin:/bin` },
      { nonRoot: true },
    );
    expect(run.status).toBe(0);
    expect(run.calls.map((call) => call.split(' | ')[0])).toEqual([
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends --no-upgrade -o DPkg::Lock::Timeout=300 chromium',
    ]);
    expect(run.calls.every((call) => call.endsWith('stdin=eof'))).toBe(true);
  });

  test('no apt-get (not Debian): it says how to provide each one by hand', async () => {
    const run = await ensure({ ...allMissing, ...onlyFakes() });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'cannot install what is missing: apt-get is not on PATH (not Debian or Ubuntu). By hand:\n' +
        'ensure-test-deps:   Chromium: install Chromium (or Chrome) and set CHROMIUM_PATH to its binary\n' +
        'ensure-test-deps:   redis-server: install Redis and put redis-server on PATH (or set REDIS_SERVER_PATH to it)\n' +
        "ensure-test-deps:   systemd-analyze: install your distribution's systemd package\n",
    );
  });
});
