#!/usr/bin/env node
// Lines of adapter code, per package, at a git ref (default: the work tree): non-blank lines that are not
// only a comment, of `src/**/*.ts` without tests, split into the adapter's runtime code, its browser bundle
// (`src/bridge/`) and its emulator (`src/testing/`). Core is counted too, so code moved into it stays visible.
//
//   node scripts/adapter-lines.mjs                 # the work tree
//   node scripts/adapter-lines.mjs --ref b38f73d   # a commit, e.g. where the adapter kit started
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const packages = [
  'packages/adapter-xcally',
  'packages/adapter-8x8',
  'packages/adapter-bs-connects',
  'packages/adapter-xucmgt',
  'examples/webhook-adapter',
  'examples/scenario-adapter',
  'packages/core',
];

const args = process.argv.slice(2);
const refAt = args.indexOf('--ref');
const ref = refAt >= 0 ? args[refAt + 1] : undefined;
if (refAt >= 0 && !ref) {
  process.stderr.write('usage: node scripts/adapter-lines.mjs [--ref <git-ref>]\n');
  process.exit(2);
}

const git = (...argv) => execFileSync('git', argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
process.chdir(git('rev-parse', '--show-toplevel').trim());

/** The package's `src/**\/*.ts` files at the ref (or tracked in the work tree), tests left out. */
function files(dir) {
  const listed = ref
    ? git('ls-tree', '-r', '--name-only', ref, '--', `${dir}/src`)
    : git('ls-files', '--cached', '--others', '--exclude-standard', '--', `${dir}/src`);
  return listed
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && (ref !== undefined || existsSync(f)));
}

const read = (file) => (ref ? git('show', `${ref}:${file}`) : readFileSync(file, 'utf8'));

/** Lines with code on them: not blank, not only `//…`, `/* … *\/` or a ` * …` comment line. */
const codeLines = (text) =>
  text.split('\n').filter((line) => !/^\s*(\/\/.*|\/\*.*|\*.*)?$/.test(line)).length;

const rows = packages.map((dir) => {
  const counts = { runtime: 0, bridge: 0, emulator: 0 };
  for (const file of files(dir)) {
    const part = file.includes('/src/bridge/')
      ? 'bridge'
      : file.includes('/src/testing/')
        ? 'emulator'
        : 'runtime';
    counts[part] += codeLines(read(file));
  }
  return { package: dir, ...counts };
});

process.stdout.write(
  `lines of code${ref ? ` at ${ref}` : ' in the work tree'} (src/**/*.ts, no tests, no comment-only lines)\n`,
);
process.stdout.write(
  `${'package'.padEnd(32)}${'runtime'.padStart(9)}${'bridge'.padStart(9)}${'emulator'.padStart(10)}\n`,
);
for (const r of rows) {
  process.stdout.write(
    `${r.package.padEnd(32)}${String(r.runtime).padStart(9)}${String(r.bridge).padStart(9)}${String(r.emulator).padStart(10)}\n`,
  );
}
