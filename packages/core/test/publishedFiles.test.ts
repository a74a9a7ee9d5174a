import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { errorCodes, ruleFileSchema } from '../src/index.js';
import { coreVersion } from '../src/version.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('published files stay in step with the code', () => {
  test('docs/errors.md lists every error code', () => {
    const doc = read('../../../docs/errors.md');
    const listed = [...doc.matchAll(/^\| `(SWB_[A-Z_]+)` +\|/gm)].map((m) => m[1]);
    expect(listed).toEqual(Object.keys(errorCodes));
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
