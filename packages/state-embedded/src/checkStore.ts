import { spawn } from 'node:child_process';

/** The reader: opens the store read-only and reads every key and value of each database. */
const reader = `
const { open } = await import(process.argv[1]);
try {
  const root = open({ path: process.argv[2], readOnly: true, maxDbs: 4 });
  for (const name of ['kv', 'expiry']) {
    const db = root.openDB({ name, keyEncoding: 'binary', encoding: 'binary' });
    for (const entry of db.getRange({})) void entry.value.length;
  }
  await root.close();
} catch (error) {
  process.stderr.write(String(error && error.message ? error.message : error) + '\\n');
  process.exit(1);
}
`;

/** How long the check of a store may take before it counts as unreadable. */
const checkTimeoutMs = 120_000;

/**
 * Reads every page of the store in a child process first: LMDB trusts its files, and a damaged one can
 * crash the process that reads it (a segfault, not an error). Resolves with why it cannot be read, or
 * undefined when it reads to the end.
 */
export function checkStoreReadable(storeDir: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', reader, import.meta.resolve('lmdb'), storeDir],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 2000) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), checkTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`the check could not run: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(undefined);
      else if (signal) resolve(`reading it crashed the reader (${signal})`);
      else resolve(stderr.trim().split('\n').pop() || `the reader exited with ${code}`);
    });
  });
}
