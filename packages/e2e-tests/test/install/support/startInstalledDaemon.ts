import { spawn } from 'node:child_process';
import { waitFor } from '@switchboard/test-support';

export interface LogLine {
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface InstalledDaemon {
  readonly logs: LogLine[];
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM; resolves with the exit code once it exited, and its process group is gone. */
  stop(): Promise<number | null>;
  /** SIGKILL to the whole process group (for `afterAll`, whatever happened before). */
  kill(): void;
}

/**
 * Starts `<bin> start --config <config>` (a project's installed `node_modules/.bin/rules-runner`) in its
 * own process group, JSON logs on stdout; resolves once it logged `ready`.
 */
export async function startInstalledDaemon(
  bin: string,
  config: string,
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): Promise<InstalledDaemon> {
  const child = spawn(bin, ['start', '--config', config], {
    cwd: options.cwd,
    env: { ...process.env, SWITCHBOARD_ADMIN_PORT: '0', ...options.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const logs: LogLine[] = [];
  let stderr = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
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
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const kill = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };
  const dump = (): string =>
    `${logs.map((line) => JSON.stringify(line)).join('\n')}\n--- stderr ---\n${stderr}`;
  const waitForLog = (match: (line: LogLine) => boolean, what: string, timeoutMs = 20_000) =>
    waitFor(
      () => {
        const found = logs.find(match);
        if (!found && exitCode !== undefined)
          throw new Error(`the daemon exited (${exitCode}) before ${what}\n${dump()}`);
        return found;
      },
      what,
      timeoutMs,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${dump()}`);
    });
  try {
    await waitForLog((line) => line.msg === 'ready', 'the daemon to be ready', 60_000);
  } catch (error) {
    kill();
    throw error;
  }
  return {
    logs,
    waitForLog,
    kill,
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      const timer = setTimeout(kill, 15_000);
      const code = await exited;
      clearTimeout(timer);
      kill();
      return code;
    },
  };
}
