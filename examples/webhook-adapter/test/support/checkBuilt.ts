import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const newest = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    }),
  );

/**
 * vitest global setup: the daemon and the CLI load this plugin by package name, that is from `dist/`;
 * refuse to run the tests against a missing or stale build rather than test old code.
 */
export default function checkBuilt(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'index.js')).mtimeMs;
  } catch {
    throw new Error(
      'switchboard-adapter-webhook is not built: run `npm run build` in examples/webhook-adapter',
    );
  }
  if (newest(join(root, 'src')) > built) {
    throw new Error('switchboard-adapter-webhook/dist is older than src: run `npm run build` first');
  }
}
