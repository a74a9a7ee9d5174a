import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './waitFor.js';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface DaemonProcess {
  readonly process: ChildProcess;
  /** Parsed JSON log lines so far (stdout). */
  readonly logs: LogLine[];
  /** Raw stderr so far. */
  stderr(): string;
  /** Waits for a log line matching `predicate`; returns it. */
  waitForLog(predicate: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** The HTTP surface address from the `ready` line, when the daemon listens. */
  readonly address: string | undefined;
  /** The admin surface address (console, /metrics, /readyz) from the `ready` line. */
  readonly admin: string | undefined;
  /** SIGTERM (to the daemon), then waits for exit and kills what is left of its process group; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

const require = createRequire(import.meta.url);

/** Makes a daemon end itself once this test process is gone (see `orphanWatch.ts`). */
const orphanWatch = new URL('./orphanWatch.js', import.meta.url).href;

/** Daemons started by this test process that have not exited yet. */
const running = new Set<ChildProcess>();
/** State folders made for daemons (removed when the test process ends). */
const stateDirs: string[] = [];

/** Kills a daemon's whole process group (it runs detached), so nothing it started outlives it. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// A test that fails or times out before its `stop()` must not leave daemons behind. (Also after the
// daemon itself exited: the group may still hold what it started; ESRCH when it holds nothing.)
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

/** Path of the real `rules-runner` executable of the workspace. */
export function rulesRunnerBin(): string {
  // Resolved at run time (not a declared dependency, which would make a cycle with rules-runner's tests).
  return join(dirname(require.resolve('@switchboard/rules-runner/package.json')), 'bin', 'rules-runner.js');
}

/**
 * Starts the real `rules-runner start` process with a config, JSON logs on stdout. Resolves once the
 * daemon logged `ready` (or rejects with its output if it exits first). A config the test wrote outside
 * the repository (a temporary folder) keeps its own `state.dir` (so a restart in that test finds its state
 * again); a shared config (an example in the repository) gets a fresh state folder at each start
 * (`SWITCHBOARD_STATE_DIR`),
 * so daemons of parallel tests, or of a test run again, never share an event ledger or its lock.
 */
export async function spawnDaemon(
  config: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv; readyTimeoutMs?: number; args?: string[] } = {},
): Promise<DaemonProcess> {
  const stateDir = inRepository(config) ? freshStateDir() : undefined;
  const child = spawn(
    process.execPath,
    ['--import', orphanWatch, rulesRunnerBin(), 'start', '--config', config, ...(options.args ?? [])],
    {
      cwd: options.cwd ?? process.cwd(),
      // Admin surface on an ephemeral port, so daemons of parallel tests never collide.
      env: {
        ...process.env,
        SWITCHBOARD_ADMIN_PORT: '0',
        ...(stateDir ? { SWITCHBOARD_STATE_DIR: stateDir } : {}),
        ...options.env,
        NO_COLOR: '1',
        SWITCHBOARD_TEST_PARENT_PID: String(process.pid),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: stop() and the exit hook kill the daemon and everything it started.
      detached: true,
    },
  );
  running.add(child);
  const logs: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 30, msg: line });
      }
      nl = buffered.indexOf('\n');
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const waitForLog = (predicate: (line: LogLine) => boolean, what: string, timeoutMs = 10_000) =>
    waitFor(
      () => {
        const found = logs.find(predicate);
        if (!found && done) throw new Error(`daemon exited while waiting for ${what}\n${dump(logs, stderr)}`);
        return found;
      },
      what,
      timeoutMs,
    );
  let ready: LogLine;
  try {
    ready = await waitForLog(
      (l) => l.msg === 'ready',
      'the daemon to be ready',
      options.readyTimeoutMs ?? 20_000,
    );
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw new Error(`${(error as Error).message}\n${dump(logs, stderr)}`);
  }
  return {
    process: child,
    logs,
    stderr: () => stderr,
    waitForLog,
    address: typeof ready.http === 'string' ? ready.http : undefined,
    admin: typeof ready.admin === 'string' ? ready.admin : undefined,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (!done) child.kill(signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      // Whatever the daemon started and left behind goes with it, and so does a state folder made for it.
      killGroup(child, 'SIGKILL');
      if (stateDir) rmSync(stateDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** The config lives under the temporary folder: a test wrote it for itself. */
/** This checkout (test-support runs from `<repo>/packages/test-support/dist`). */
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A config in the repository (an example) is shared by tests; one a test wrote elsewhere (a temporary
 * folder) is that test's own. Decided by the repository's folder, not by the system's temporary folder:
 * a checkout can itself live under /tmp (a CI clone), and then its examples must still get fresh state.
 */
function inRepository(config: string): boolean {
  try {
    return realpathSync(resolve(config)).startsWith(`${realpathSync(repositoryRoot)}/`);
  } catch {
    return false;
  }
}

function freshStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'swb-daemon-state-'));
  stateDirs.push(dir);
  return dir;
}

function dump(logs: readonly LogLine[], stderr: string): string {
  return `--- daemon stdout ---\n${logs.map((l) => JSON.stringify(l)).join('\n')}\n--- daemon stderr ---\n${stderr}`;
}
