import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath } from 'node:url';

export interface StartRedisOptions {
  /** Clients must `AUTH` with it (`requirepass`); the url carries it. */
  readonly password?: string;
  /** Serve TLS only (`rediss://`), with this key and certificate (PEM; the certificate is its own CA). */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** How long `start()` waits for the first PING answer (ms, default 10 s). */
  readonly readyTimeoutMs?: number;
}

export interface RedisProcess {
  /** `redis://[:password@]127.0.0.1:<port>` (`rediss://` with TLS). */
  readonly url: string;
  readonly port: number;
  /** The running redis-server's process id (undefined while stopped); its guard is the group leader. */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM to its group) and waits for it to exit; its data is gone (no persistence). */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** SIGKILLs the server's group, as a crash would; resolves once it exited. */
  kill(): Promise<void>;
  /** The server's temporary folder (removed by `close()`). */
  readonly dir: string;
  /** Stops the server and removes its folder; idempotent. */
  close(): Promise<void>;
}

/** Runs redis-server and ends it with this process (see `redisGuard.ts`). */
const guard = [new URL('./redisGuard.js', import.meta.url), new URL('../dist/redisGuard.js', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path)) as string; // the built file also when this module runs from src (its own tests)

/** Servers started by this test process and still running: killed when the process ends, whatever happens. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/**
 * Runs a real `redis-server` (the Debian package, or `REDIS_SERVER_PATH`) for a test: on a free port of 127.0.0.1 (never 6379),
 * in a temporary folder, without persistence, in its own process group. Resolves once it answers PING.
 * `stop()`/`start()` keep the port, so clients can reconnect to the same url (Redis-down tests).
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'swb-redis-'));
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let child: ChildProcess | undefined;
  let serverPid: number | undefined;
  let port = 0;
  let closed = false;

  const args = (): string[] => {
    const list = [
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ];
    if (options.tls) {
      writeFileSync(join(dir, 'tls.key'), options.tls.key, { mode: 0o600 });
      writeFileSync(join(dir, 'tls.crt'), options.tls.cert);
      list.push('--port', '0', '--tls-port', String(port), '--tls-cert-file', join(dir, 'tls.crt'));
      list.push('--tls-key-file', join(dir, 'tls.key'), '--tls-ca-cert-file', join(dir, 'tls.crt'));
      list.push('--tls-auth-clients', 'no');
    } else {
      list.push('--port', String(port));
    }
    if (options.password !== undefined) list.push('--requirepass', options.password);
    return list;
  };

  const launch = async (): Promise<void> => {
    const output: string[] = [];
    // Through the guard, in its own process group: the server ends with this test process however it ends.
    const started = spawn(
      process.execPath,
      [guard, process.env.REDIS_SERVER_PATH ?? 'redis-server', ...args()],
      {
        cwd: dir,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    child = started;
    serverPid = undefined;
    // The channel must not keep this process alive; it only tells the guard we are gone when it closes.
    started.channel?.unref();
    started.on('message', (message: { pid?: number }) => {
      if (child === started && typeof message.pid === 'number') serverPid = message.pid;
    });
    running.add(started);
    started.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<string>((resolve) => {
      started.once('error', (error) => resolve(`redis-server could not be started: ${error.message}`));
      started.once('exit', (code, signal) => resolve(`redis-server exited (${signal ?? code})`));
    });
    started.once('exit', () => running.delete(started));
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const outcome = await Promise.race([ping(port, options), exited]);
      if (outcome === 'ready' && serverPid !== undefined) return;
      if (outcome !== 'retry' && outcome !== 'ready') throw new Error(`${outcome}:\n${output.join('')}`);
      if (Date.now() > deadline) {
        killGroup(started, 'SIGKILL');
        throw new Error(
          `redis-server on port ${port} did not answer PING within ${readyTimeoutMs} ms:\n${output.join('')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const current = child;
    const pid = serverPid;
    child = undefined;
    serverPid = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    // The server itself when its pid is known: its guard reaps it and then exits the same way, so once the
    // guard is gone the server is too (a signal to the whole group could end the guard first).
    if (pid === undefined) killGroup(current, signal);
    else {
      try {
        process.kill(pid, signal);
      } catch {
        killGroup(current, signal);
      }
    }
    await gone;
    killGroup(current, 'SIGKILL');
  };

  // A port that was free a moment ago can be taken before redis-server binds it: retry with another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      await halt('SIGKILL');
      if (attempt >= 5 || !/Address already in use/i.test(String(error))) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  return {
    url: `${options.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}`,
    port,
    dir,
    get pid() {
      return serverPid;
    },
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    start: async () => {
      if (closed) throw new Error('this redis-server was closed');
      if (child) return;
      await launch();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await halt('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** A port of 127.0.0.1 nobody listens on right now (never Redis's usual 6379). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port !== 6379 && port !== 0) return port;
  }
}

/** Resolves when the server at `port` answers PING (after AUTH when it has a password); 'retry' otherwise. */
function ping(port: number, options: StartRedisOptions): Promise<'ready' | 'retry'> {
  return new Promise((resolve) => {
    const socket: Socket = options.tls
      ? tlsConnect({ host: '127.0.0.1', port, ca: options.tls.cert, servername: 'localhost' })
      : netConnect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (outcome: 'ready' | 'retry'): void => {
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done('retry'), 1000);
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      const auth = options.password === undefined ? '' : command('AUTH', options.password);
      socket.write(auth + command('PING'));
    });
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('+PONG')) {
        clearTimeout(timer);
        done('ready');
      } else if (reply.includes('-')) {
        clearTimeout(timer);
        done('retry');
      }
    });
    socket.once('error', () => {
      clearTimeout(timer);
      done('retry');
    });
  });
}

/** A command in RESP, as redis-server reads it. */
const command = (...parts: string[]): string =>
  `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
