#!/usr/bin/env node
// Entry point of the `rules-runner` command; the code lives in dist/ (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('rules-runner is not built yet: run `npm run build` at the repository root.\n');
  process.exit(1);
}
await import(entry.href);
