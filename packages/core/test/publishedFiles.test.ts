import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { errorCodes, ruleFileSchema } from '../src/index.js';
import { coreVersion } from '../src/version.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const root = (path: string) => new URL(`../../../${path}`, import.meta.url).pathname;

/** Every non-test `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The product's code outside the catalog itself: where a code must be raised to count as raised. */
const raisers = [
  ...sources(root('packages/core/src')),
  ...sources(root('packages/rules-runner/src')),
  ...sources(root('packages/state-embedded/src')),
]
  .filter((file) => !file.endsWith('errors/codes.ts'))
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('published files stay in step with the code', () => {
  test('docs/errors.md lists every error code', () => {
    const doc = read('../../../docs/errors.md');
    const listed = [...doc.matchAll(/^\| `(SWB_[A-Z_]+)` +\|/gm)].map((m) => m[1]);
    expect(listed).toEqual(Object.keys(errorCodes));
  });

  test('every documented code is raised somewhere in core or the rules-runner', () => {
    const raised = (code: string) =>
      raisers.some(({ text }) => new RegExp(`['"\`\\[]${code}['"\`\\]]`).test(text));
    expect(Object.keys(errorCodes).filter((code) => !raised(code))).toEqual([]);
  });

  test('every SWB_ code the code names is in the catalog (and so in the docs)', () => {
    const named = new Set(
      raisers.flatMap(({ text }) => [...text.matchAll(/\bSWB_[A-Z_]+\b/g)].map((m) => m[0])),
    );
    expect([...named].filter((code) => !(code in errorCodes))).toEqual([]);
  });

  test('schemas/rules.schema.json is the rule-file schema (rebuilt by `npm run build`)', () => {
    expect(JSON.parse(read('../schemas/rules.schema.json'))).toEqual(
      JSON.parse(JSON.stringify(ruleFileSchema)),
    );
  });

  test('coreVersion is the package version', () => {
    expect(JSON.parse(read('../package.json')).version).toBe(coreVersion);
  });
});
