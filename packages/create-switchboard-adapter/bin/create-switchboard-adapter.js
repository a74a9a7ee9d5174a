#!/usr/bin/env node
// Entry point of `npm init switchboard-adapter` (`create-switchboard-adapter`); the code lives in dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'create-switchboard-adapter is not built yet: run `npm run build` at the repository root.\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
