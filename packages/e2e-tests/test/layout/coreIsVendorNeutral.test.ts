import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const core = fileURLToPath(new URL('../../../core/', import.meta.url));

/** Vendors and their actions and events: core must know none of them (the list lives here, outside core). */
const vendorWords = [
  /xcally/i,
  /\b8x8\b/i,
  /maestro/i,
  /\bsapi\b/i,
  /\bb\+s\b/i,
  /bs-connects/i,
  /xucmgt/i,
  /\bxivo\b/i,
  /dynamics ?365/i,
  /\bwakeup\b/,
  /\bpushevent\b/,
  /\bcreateSession\b/,
  /\bsetAgentState\b/,
  /\bthirdPartyOpen\b/,
  /\bbeforeDial\b/,
  /\bAgentCTI\b/,
];

/** Shipped files: the sources (not their tests), the published schemas, the README. */
function shipped(dir: string): string[] {
  return readdirSync(join(core, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(core, path)).isDirectory()) return shipped(path);
    return name.endsWith('.test.ts') ? [] : [path];
  });
}

describe('core knows no vendor', () => {
  const files = [...shipped('src'), ...shipped('schemas'), 'README.md'];

  test('no vendor, vendor action or vendor event name in its sources, schemas or README', () => {
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => {
      const lines = readFileSync(join(core, file), 'utf8').split('\n');
      return lines.flatMap((line, i) =>
        vendorWords
          .filter((word) => word.test(line))
          .map((word) => `${file}:${i + 1} ${word}: ${line.trim()}`),
      );
    });
    expect(found).toEqual([]);
  });

  test('the check itself finds a vendor name', () => {
    expect(vendorWords.some((word) => word.test('connects to xcally-realtime'))).toBe(true);
  });
});
