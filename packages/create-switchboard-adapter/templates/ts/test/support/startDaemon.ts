import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface LogLine {
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface Daemon {
  readonly logs: LogLine[];
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then the whole process group goes (also what the daemon started). */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The `rules-runner` this project installed (a devDependency). */
export const rulesRunner = join(
  dirname(require.resolve('@switchboard/rules-runner/package.json')),
  'bin',
  'rules-runner.js',
);

/** Starts `rules-runner start --config <config>` in its own process group; resolves once it is ready. */
export async function startDaemon(config: string): Promise<Daemon> {
  const child: ChildProcess = spawn(process.execPath, [rulesRunner, 'start', '--config', config], {
    env: { ...process.env, SWITCHBOARD_ADMIN_PORT: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const logs: LogLine[] = [];
  let stderr = '';
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const waitForLog = async (match: (line: LogLine) => boolean, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = logs.find(match);
      if (found) return found;
      if (!running || Date.now() > deadline) {
        const output = `${logs.map((l) => JSON.stringify(l)).join('\n')}\n${stderr}`;
        throw new Error(`${running ? 'timed out' : 'the daemon exited'} waiting for ${what}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const stop = async (): Promise<void> => {
    if (running) child.kill('SIGTERM');
    const timer = setTimeout(killGroup, 10_000);
    await exited;
    clearTimeout(timer);
    killGroup();
  };
  try {
    await waitForLog((line) => line.msg === 'ready', 'the daemon to be ready');
  } catch (error) {
    killGroup();
    throw error;
  }
  return { logs, waitForLog, stop };
}
