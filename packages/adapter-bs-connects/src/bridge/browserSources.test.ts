import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folders = ['bridge/browser/', 'testing/browser/'];
const src = new URL('../', import.meta.url);
const dist = new URL('../../dist/', import.meta.url);
const allowedTs =
  /^(import type |(export )?(interface|type) |export (class|function) |}|\/\/|\/\*\*| \*|$|\s)/;
const allowedJs = /^(export (class|function) |export \{\};?$|}|\/\/|\/\*\*| \*|$|\s)/;

function offendingLines(file: URL, allowed: RegExp): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !allowed.test(line));
}

/**
 * Code in these folders runs in the browser from its `toString()` source (inlined into pages), so it
 * must not reach anything at module scope: only type imports and the one exported class or function.
 * The built output is checked too: a compiler may add module-scope helpers (e.g. a class alias).
 */
describe('browser sources are self-contained', () => {
  for (const folder of folders) {
    for (const file of readdirSync(new URL(folder, src)).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    )) {
      it(`${folder}${file} has no module-scope code`, () => {
        const source = new URL(`${folder}${file}`, src);
        expect(offendingLines(source, allowedTs)).toEqual([]);
        expect(
          readFileSync(source, 'utf8').match(/^export (class|function) /gm)?.length ?? 0,
        ).toBeLessThanOrEqual(1);
        const built = new URL(`${folder}${file.replace(/\.ts$/, '.js')}`, dist);
        if (existsSync(built)) expect(offendingLines(built, allowedJs)).toEqual([]);
      });
    }
  }
});
