#!/usr/bin/env node
// `npm test` runs this first: it installs what the test suite needs from outside npm (Debian's Chromium for
// the browser tests, redis-server for the tests that run a Redis, systemd-analyze for the test of the
// systemd unit) with apt-get when they are missing, as root or through sudo when sudo needs no password.
// Otherwise it says why it cannot and what to run, and fails. It never prompts: sudo runs with -n,
// apt-get with -y and no stdin, so CI without a terminal is safe.
//
// For testing this script on a machine that has everything:
//   SWITCHBOARD_TEST_DEPS_ASSUME_MISSING=chromium,redis-server   treat these Debian packages as missing
//   SWITCHBOARD_TEST_DEPS_DRY_RUN=1 (or --dry-run)               print the commands instead of running them
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const env = process.env;
const dryRun = process.argv.includes('--dry-run') || env.SWITCHBOARD_TEST_DEPS_DRY_RUN === '1';
const assumedMissing = new Set((env.SWITCHBOARD_TEST_DEPS_ASSUME_MISSING ?? '').split(',').filter(Boolean));
// Wait for another apt or dpkg (unattended-upgrades, a parallel job) instead of failing on its lock.
const waitForLock = ['-o', 'DPkg::Lock::Timeout=300'];

/** What the tests need, where they look for it (as they do), and the Debian package that provides it. */
const requirements = [
  {
    name: 'Chromium',
    usedBy: 'the browser tests',
    debianPackage: 'chromium',
    // The candidates of @switchboard/test-support's chromiumPath(), in its order.
    locate: () => [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean),
    hint: 'install Chromium (or Chrome) and set CHROMIUM_PATH to its binary',
  },
  {
    name: 'redis-server',
    usedBy: 'the tests that run a Redis server',
    debianPackage: 'redis-server',
    locate: () => (env.REDIS_SERVER_PATH ? [env.REDIS_SERVER_PATH] : onPath('redis-server')),
    hint: 'install Redis and put redis-server on PATH (or set REDIS_SERVER_PATH to it)',
  },
  // Only Linux has systemd; elsewhere the unit's test checks its settings without it.
  ...(process.platform === 'linux'
    ? [
        {
          name: 'systemd-analyze',
          usedBy: 'the test of the systemd unit (deploy/switchboard.service)',
          debianPackage: 'systemd',
          locate: () => [...onPath('systemd-analyze'), '/usr/bin/systemd-analyze'],
          hint: "install your distribution's systemd package",
        },
      ]
    : []),
];

function say(line) {
  process.stderr.write(`ensure-test-deps: ${line}\n`);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every executable called `name` on PATH, as a shell would find it. */
function onPath(name) {
  return (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .filter(isExecutable);
}

function missing(honourAssumptions) {
  return requirements.filter(
    (need) =>
      (honourAssumptions && assumedMissing.has(need.debianPackage)) || !need.locate().some(existsSync),
  );
}

function shellLine(argv) {
  return argv
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}

/** How to become root without a prompt: nothing (already root), `sudo -n`, or why neither works. */
function rootAccess() {
  if (process.getuid?.() === 0) return { prefix: [] };
  const [sudo] = onPath('sudo');
  if (!sudo) return { refused: 'this user is not root and sudo is not installed', advice: 'as root' };
  const probe = spawnSync(sudo, ['-n', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = probe.stderr.trim().split('\n')[0] || `sudo -n true exited ${probe.status}`;
    return { refused: `this user is not root and sudo needs a password (${why})`, advice: 'with sudo' };
  }
  // sudo resets the environment: DEBIAN_FRONTEND goes through env(1).
  return { prefix: ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] };
}

/**
 * apt-get's arguments: refresh the package lists (a fresh image has none), then install what is missing,
 * without upgrading what is already there (other programs on the machine may be using it).
 */
function aptGetRuns(packages, extra = []) {
  return [
    ['update', ...extra],
    ['install', '-y', '--no-install-recommends', '--no-upgrade', ...extra, ...packages],
  ];
}

/** The same apt-get runs, as a person would type them. */
function byHand(prefix, packages) {
  return aptGetRuns(packages)
    .map((args) => shellLine([...prefix, 'apt-get', ...args]))
    .join(' && ');
}

function main() {
  const needed = missing(true);
  if (needed.length === 0) {
    const found = requirements.map((need) => `${need.name} (${need.locate().find(existsSync)})`);
    say(`found ${found.join(', ')}`);
    return 0;
  }
  for (const need of needed) {
    const looked = need.locate();
    const why = assumedMissing.has(need.debianPackage)
      ? 'SWITCHBOARD_TEST_DEPS_ASSUME_MISSING says so'
      : `looked for ${looked.length > 0 ? looked.join(', ') : `${need.name} on PATH`}`;
    say(`${need.name} is missing (${why}); needed by ${need.usedBy}.`);
  }
  const packages = needed.map((need) => need.debianPackage);

  if (onPath('apt-get').length === 0) {
    say('cannot install what is missing: apt-get is not on PATH (not Debian or Ubuntu). By hand:');
    for (const need of needed) say(`  ${need.name}: ${need.hint}`);
    return 1;
  }
  const access = rootAccess();
  if (access.refused) {
    say(
      `cannot install what is missing: ${access.refused}. Run this ${access.advice}, then the tests again:`,
    );
    say(`  ${byHand(access.advice === 'with sudo' ? ['sudo'] : [], packages)}`);
    return 1;
  }
  const noQuestions = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of aptGetRuns(packages, waitForLock)) {
    const argv = [...access.prefix, 'apt-get', ...args];
    const line = `${access.prefix.length === 0 ? 'DEBIAN_FRONTEND=noninteractive ' : ''}${shellLine(argv)}`;
    if (dryRun) {
      say(`dry run, would run: ${line}`);
      continue;
    }
    say(`running: ${line}`);
    const run = spawnSync(argv[0], argv.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: noQuestions,
    });
    if (run.status !== 0) {
      say(
        `that failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`}); run it by hand to see why:`,
      );
      say(`  ${byHand(access.prefix.length > 0 ? ['sudo'] : [], packages)}`);
      return 1;
    }
  }
  if (dryRun) return 0;
  const stillMissing = missing(false);
  for (const need of stillMissing) {
    say(`apt-get ran but ${need.name} is still not found (${need.locate().join(', ') || 'not on PATH'})`);
  }
  return stillMissing.length === 0 ? 0 : 1;
}

process.exitCode = main();
