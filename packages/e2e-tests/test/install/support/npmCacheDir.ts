import { tmpdir } from 'node:os';
import { runNpm } from './npmCommand.js';

/** The npm cache `npm ci` filled (`npm config get cache`): the local registry serves tarballs from it. */
export async function npmCacheDir(): Promise<string> {
  const result = await runNpm(['config', 'get', 'cache'], { cwd: tmpdir(), timeoutMs: 30_000 });
  const dir = result.stdout.trim();
  if (result.status !== 0 || dir === '') throw new Error(`cannot find the npm cache\n${result.output}`);
  return dir;
}
