import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { x8Errors } from '../src/errors.js';
import { eightByEightOptionsSchema } from '../src/options.js';
import { vendorEvents } from '../src/vendorEvents.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function optionPaths(schema: Record<string, unknown>, prefix = ''): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).flatMap(([key, sub]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return sub.type === 'object' ? optionPaths(sub, path) : [path];
  });
}

describe('README', () => {
  test('documents every option of the options schema', () => {
    const paths = optionPaths(eightByEightOptionsSchema);
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) expect(readme, path).toContain(`| \`${path}\``);
  });

  test('documents every error code', () => {
    for (const code of Object.keys(x8Errors.codes)) expect(readme, code).toContain(`| \`${code}\``);
  });

  test('names the vendor events that map to normalized types', () => {
    for (const name of Object.keys(vendorEvents).filter((n) => /\(`/.test(vendorEvents[n] ?? '')))
      expect(readme, name).toContain(name);
  });
});
