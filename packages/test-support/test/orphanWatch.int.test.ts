import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tempDir, waitFor } from '../src/index.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('a daemon whose test process was killed (no exit hook ran) ends itself and its group', async () => {
  const dir = await tempDir('swb-orphan-');
  const config = await dir.write('switchboard.yaml', 'allowNoRules: true\nstate: { dir: state }\n');
  // The "test process": starts a daemon with spawnDaemon, says its pid, then waits to be killed.
  const script = join(dir.path, 'testProcess.mjs');
  await writeFile(
    script,
    `import { spawnDaemon } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
const daemon = await spawnDaemon(${JSON.stringify(config)}, { cwd: ${JSON.stringify(dir.path)} });
console.log(String(daemon.process.pid));
setInterval(() => {}, 1000);
`,
  );
  const testProcess = spawn(process.execPath, [script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let daemonPid: number | undefined;
  try {
    let out = '';
    testProcess.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    daemonPid = await waitFor(
      () => (/^\d+\n/.test(out) ? Number(out.trim()) : undefined),
      'the daemon',
      30_000,
    );
    expect(alive(daemonPid)).toBe(true);
    // SIGKILL: the test process runs no exit hook, so only the daemon's own watch can end it.
    process.kill(-(testProcess.pid as number), 'SIGKILL');
    const pid = daemonPid;
    await waitFor(() => !alive(pid), 'the orphaned daemon to end', 10_000, 50);
  } finally {
    try {
      process.kill(-(testProcess.pid as number), 'SIGKILL');
    } catch {}
    if (daemonPid !== undefined && alive(daemonPid)) process.kill(-daemonPid, 'SIGKILL');
    await dir.remove();
  }
}, 60_000);
