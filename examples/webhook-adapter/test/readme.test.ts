import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { webhookErrors, webhookOptionsSchema } from '../src/index.js';
import { agentFields, callFields, type FieldKind } from '../src/mapping/eventFields.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** The table row whose first cell is `path` (cells may be padded by the formatter). */
const tableRow = (path: string): string | undefined =>
  readme.split('\n').find((line) => line.replace(/\s+/g, ' ').startsWith(`| \`${path}\` |`));

type Schema = { properties?: Record<string, Schema>; default?: unknown };

/** Every option path of the schema; call and agent fields are listed inside their row instead. */
function optionPaths(schema: Schema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, sub]) => {
    const path = `${prefix}${name}`;
    const nested = sub.properties && !['mapping.call', 'mapping.agent'].includes(path);
    return [path, ...(nested ? optionPaths(sub, `${path}.`) : [])];
  });
}

describe("the README's options table", () => {
  test.each(optionPaths(webhookOptionsSchema as Schema))('has a row for `%s`', (path) => {
    expect(tableRow(path)).toBeDefined();
  });

  test('lists every call and agent field the mapping offers', () => {
    for (const field of callFields.keys()) expect(tableRow('mapping.call')).toContain(`\`${field}\``);
    for (const field of agentFields.keys()) expect(tableRow('mapping.agent')).toContain(`\`${field}\``);
  });

  test('has a row for every call and agent field, saying what it holds', () => {
    const holds = (kind: FieldKind): string =>
      kind === 'string'
        ? 'text'
        : kind === 'seconds'
          ? 'seconds'
          : kind.oneOf.map((v) => `\`${v}\``).join(', ');
    for (const [object, fields] of [
      ['call', callFields],
      ['agent', agentFields],
    ] as const) {
      for (const [field, kind] of fields) {
        const cell = (tableRow(`mapping.${object}.${field}`)?.split('|')[2] ?? '')
          .trim()
          .replace(' or ', ', ');
        expect(cell.slice(0, holds(kind).length), `mapping.${object}.${field}`).toBe(holds(kind));
      }
    }
  });

  test('shows the schema defaults', () => {
    const { properties } = webhookOptionsSchema;
    for (const name of ['sync', 'syncTimeout', 'bodyLimit', 'maxBatch'] as const) {
      expect(tableRow(name)).toContain(`\`${String(properties[name].default)}\``);
    }
  });
});

describe("the README's errors table", () => {
  test('has a row for every code, first in the row', () => {
    for (const code of Object.keys(webhookErrors.codes)) expect(tableRow(code), code).toBeDefined();
  });
});
