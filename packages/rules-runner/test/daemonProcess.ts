import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { type LogLine, waitFor } from '@switchboard/test-support';
import { bin } from './runCli.js';

/** A real `rules-runner start` process in its own process group, watched from its first line. */
export interface DaemonProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Parsed JSON log lines from stdout so far. */
  readonly lines: LogLine[];
  stderr(): string;
  waitForLine(predicate: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** The exit code, or `'running'` when it has not exited within `ms`. */
  exitWithin(ms: number): Promise<number | null | 'running'>;
  /** Everything it printed, for failure messages. */
  dump(): string;
}

const running = new Set<ChildProcess>();

/** Spawns `rules-runner start` detached (its own process group, killed by `killDaemons`). */
export function startDaemon(config: string, env: NodeJS.ProcessEnv = {}, cwd?: string): DaemonProcess {
  const child = spawn(process.execPath, [bin, 'start', '--config', config], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  const exit = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  const lines: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        lines.push({ level: 30, msg: line });
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const dump = () =>
    `--- stdout ---\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n--- stderr ---\n${stderr}`;
  return {
    child,
    pid: child.pid as number,
    lines,
    stderr: () => stderr,
    dump,
    waitForLine: (predicate, what, timeoutMs = 15_000) =>
      waitFor(() => lines.find(predicate), what, timeoutMs).catch((error: Error) => {
        throw new Error(`${error.message}\n${dump()}`);
      }),
    exitWithin: (ms) =>
      Promise.race([exit, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms))]),
  };
}

/** Kills the process group of every daemon still running (call in `afterEach`). */
export async function killDaemons(): Promise<void> {
  const children = [...running];
  for (const child of children) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(
    children.map((c) =>
      c.exitCode !== null || c.signalCode ? undefined : new Promise((r) => c.once('exit', r)),
    ),
  );
}

/** A port that was free a moment ago (bound on 127.0.0.1, then let go). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP port held by this test process, so that the daemon finds it in use. */
export async function portInUse(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system, in seconds) the process has used so far, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** GET with a deadline: a daemon that does not answer makes it fail, not hang. */
export async function get(url: string, timeoutMs = 2_000): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, text: await response.text() };
}
