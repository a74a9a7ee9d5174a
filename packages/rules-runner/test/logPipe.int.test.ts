import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type TempDir, tempDir, waitFor } from '@switchboard/test-support';
import { afterEach, describe, expect, test } from 'vitest';
import { cpuSeconds, freePort, get, killDaemons, startDaemon } from './daemonProcess.js';
import { fixtures } from './runCli.js';

let dir: TempDir | undefined;
afterEach(async () => {
  await killDaemons();
  await dir?.remove();
  dir = undefined;
});

/** How long the daemon's CPU time is watched, and the most it may use meanwhile (idle: close to 0). */
const watchMs = 2_000;
const idleCpuSeconds = 0.2;

describe('a closed log pipe (`rules-runner start | head -1`, a log reader that went away)', () => {
  test.each([
    { closed: 'stdout', closeStderr: false },
    { closed: 'stdout and stderr', closeStderr: true },
  ])(
    'with its $closed closed after the first line, the daemon serves, stays idle and stops on SIGTERM',
    async ({ closeStderr }) => {
      dir = await tempDir();
      const config = await dir.write(
        'switchboard.yaml',
        `adapters:
  rec:
    use: ${join(fixtures, 'recorder-adapter')}
    options:
      out: actions.ndjson
      events: [ { id: e1, type: call.answered, call: { id: c1, queue: Sales } } ]
rules: [ ${join(fixtures, 'rules/sales.yaml')} ]
log: { format: json }
`,
      );
      const adminPort = await freePort();
      const admin = `http://127.0.0.1:${adminPort}`;
      const daemon = startDaemon(config, { SWITCHBOARD_ADMIN_PORT: String(adminPort) }, dir.path);
      await daemon.waitForLine(() => true, 'the first log line');
      daemon.child.stdout?.destroy();
      if (closeStderr) daemon.child.stderr?.destroy();

      // Start-up goes on, and logs, into the closed pipe.
      await waitFor(
        async () => (await get(`${admin}/readyz`).catch(() => undefined))?.status === 200,
        'ready',
      );
      // A rule reload logs several lines more after the pipe closed.
      process.kill(daemon.pid, 'SIGHUP');
      await waitFor(
        async () =>
          /switchboard_rule_reloads_total\{result="success"\} 1/.test((await get(`${admin}/metrics`)).text),
        'the reload',
      );

      const before = await cpuSeconds(daemon.pid);
      await sleep(watchMs); // the interval the CPU time is measured over
      const used = (await cpuSeconds(daemon.pid)) - before;
      expect(used, `CPU seconds used in ${watchMs} ms`).toBeLessThan(idleCpuSeconds);
      expect(await get(`${admin}/healthz`)).toEqual({ status: 200, text: '{"status":"ok"}' });

      process.kill(daemon.pid, 'SIGTERM');
      expect(await daemon.exitWithin(10_000)).toBe(0);
      if (!closeStderr) {
        expect(daemon.stderr()).toContain(
          'the log output (stdout) closed (write EPIPE): logging there stops; the daemon keeps running',
        );
      }
    },
  );
});
