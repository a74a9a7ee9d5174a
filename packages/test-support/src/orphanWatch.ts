/**
 * Preloaded (`node --import`) into every daemon `spawnDaemon` starts. The test process kills its daemons'
 * process groups when it exits normally, but a test worker that is killed (a timed-out teardown, a crash,
 * Ctrl-C on the runner) runs no exit hook, and a daemon whose log pipe broke keeps running by design. So the
 * daemon watches its parent: once the test process that started it is gone, it kills its own process group
 * (it runs detached, as the group's leader), and nothing a test started outlives the run.
 */
const parent = Number(process.env.SWITCHBOARD_TEST_PARENT_PID);
if (Number.isInteger(parent) && parent > 0) {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  }, 500);
  timer.unref();
}
