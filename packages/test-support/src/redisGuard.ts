/**
 * Runs `redis-server` for `startRedis()` and ends it once the test process that asked for it is gone.
 * The test process kills its servers' process groups when it exits normally, but a test worker that is
 * killed (a timed-out teardown, a crash, Ctrl-C on the runner) runs no exit hook, and redis-server knows
 * nothing of its parent. This guard holds an IPC channel to the test process: the channel closes when that
 * process dies, however it dies, and the guard then kills its own process group (redis-server is in it).
 * It tells the test process redis-server's pid, so tests can signal the server itself (SIGSTOP etc.).
 *
 * argv: the redis-server binary, then its arguments.
 */
import { spawn } from 'node:child_process';

const [bin, ...args] = process.argv.slice(2);
const killGroup = (): void => {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.kill(process.pid, 'SIGKILL');
  }
};

if (!bin || !process.send) {
  process.stderr.write('redisGuard: run by startRedis() with an IPC channel and the redis-server binary\n');
  process.exit(2);
}
const server = spawn(bin, args, { stdio: 'inherit' });
server.once('spawn', () => process.send?.({ pid: server.pid }));
server.once('error', (error) => {
  process.stderr.write(`redis-server could not be started: ${error.message}\n`);
  process.exit(127);
});
// A signal to the group reaches the server too: the guard outlives it (the test process waits for the
// guard's exit, which must mean the server is gone) and then mirrors how it ended.
const forwarded: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
for (const signal of forwarded) process.on(signal, () => {});
server.once('exit', (code, signal) => {
  if (signal) {
    for (const s of forwarded) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
process.once('disconnect', () => {
  // The server first, so the guard reaps it (no zombie left for init); the group if that somehow hangs.
  server.kill('SIGKILL');
  setTimeout(killGroup, 2000).unref();
});
