// Server processes of the Node-RED comparison: each runs in its own process group (spawned detached) and is
// killed by group, also when the benchmark fails or is interrupted; optional CPU pinning; peak RSS.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const groups = new Set();

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

process.once('exit', () => {
  for (const pid of groups) killGroup(pid);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const pid of groups) killGroup(pid);
    process.exit(130);
  });
}

/** Remembers a process group started elsewhere (the daemon of `spawnDaemon`) so it goes on exit too. */
export function ownGroup(pid) {
  groups.add(pid);
}

/** Kills a process group now (after a graceful stop, whatever is left of it). */
export function endGroup(pid) {
  killGroup(pid);
  groups.delete(pid);
}

/**
 * Starts `node <args>` detached (its own process group), its stdout and stderr kept in a bounded tail for
 * error messages. Returns the child and `output()`.
 */
export function spawnGroup(args, { env = {}, cwd } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  groups.add(child.pid);
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk).slice(-8000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    exited,
    output: () => tail,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid), 5000);
      await exited;
      clearTimeout(timer);
      endGroup(child.pid);
    },
  };
}

/** Starts a node script that prints one JSON line when ready (`{ port }`); resolves with it. */
export async function startScript(script, args = [], env = {}) {
  const server = spawnGroup([script, ...args], { env });
  const ready = await new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      server.child.stdout.off('data', onData);
      resolve(JSON.parse(buffered.slice(0, nl)));
    };
    server.child.stdout.on('data', onData);
    server.exited.then((code) => reject(new Error(`${script} exited with ${code}\n${server.output()}`)));
  });
  return { ...server, ready };
}

/**
 * CPU placement: with taskset and at least 2 CPUs, servers run on the last CPU and this process (the load
 * generator, autocannon) and the sink on the first, so the load generator does not take the servers' core.
 * `BENCH_PIN=0` turns it off (on a machine busy with other work, a pinned process cannot move to the
 * less loaded core).
 */
export const pinning = (() => {
  if (process.env.BENCH_PIN === '0' || availableParallelism() < 2) return undefined;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { load: 0, servers: availableParallelism() - 1 };
})();

/** Pins every thread of a process (and the threads it starts later) to one CPU, when pinning is on. */
export function pin(pid, cpu) {
  if (pinning === undefined) return;
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

/** Peak resident set size of a live process in bytes (`VmHWM`). */
export function peakRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
  if (!kb) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kb[1]) * 1024;
}
