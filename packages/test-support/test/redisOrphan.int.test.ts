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

test('a redis-server whose test process was killed (no exit hook ran) ends with it', async () => {
  const dir = await tempDir('swb-redis-orphan-');
  // The "test process": starts Redis with startRedis, says the server's pid, then waits to be killed.
  const script = join(dir.path, 'testProcess.mjs');
  await writeFile(
    script,
    `import { startRedis } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
const redis = await startRedis();
console.log(String(redis.pid));
setInterval(() => {}, 1000);
`,
  );
  const testProcess = spawn(process.execPath, [script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let serverPid: number | undefined;
  try {
    let out = '';
    testProcess.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    serverPid = await waitFor(
      () => (/^\d+\n/.test(out) ? Number(out.trim()) : undefined),
      'redis-server',
      30_000,
    );
    expect(alive(serverPid)).toBe(true);
    // SIGKILL: the test process runs no exit hook, so only the guard can end the server.
    process.kill(-(testProcess.pid as number), 'SIGKILL');
    const pid = serverPid;
    await waitFor(() => !alive(pid), 'the orphaned redis-server to end', 10_000, 50);
  } finally {
    try {
      process.kill(-(testProcess.pid as number), 'SIGKILL');
    } catch {}
    if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    await dir.remove();
  }
}, 60_000);
