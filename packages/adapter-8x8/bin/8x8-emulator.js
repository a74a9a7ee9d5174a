#!/usr/bin/env node
// Entry point of the `8x8-emulator` command; the code lives in dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/testing/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    '@switchboard/adapter-8x8 is not built yet: run `npm run build` at the repository root.\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
