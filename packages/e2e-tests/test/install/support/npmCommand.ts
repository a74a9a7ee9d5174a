import { spawn } from 'node:child_process';

export interface NpmResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr, for assertion messages. */
  readonly output: string;
}

/**
 * The environment for an npm run outside the workspace: without the `npm_*` variables that `npm test`
 * passes down (`npm_config_local_prefix` and friends would point the child at this workspace), with no
 * audit, fund or update checks (nothing but the registry given may be asked).
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
    NO_COLOR: '1',
    ...extra,
  };
}

/**
 * Runs npm without blocking this process (the local registry the child talks to lives here), in its own
 * process group: on timeout the whole group is killed, and the result says so.
 */
export function runNpm(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number },
): Promise<NpmResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args], {
      cwd: options.cwd,
      env: options.env ?? npmEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timeoutMs = options.timeoutMs ?? 180_000;
    const timer = setTimeout(() => {
      stderr += `\n[killed: npm ${args.join(' ')} ran longer than ${timeoutMs} ms]`;
      killGroup(child.pid);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      killGroup(child.pid); // whatever a lifecycle script left behind
      resolve({ status, stdout, stderr, output: `$ npm ${args.join(' ')}\n${stdout}\n${stderr}` });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}
