import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { thirdPartyOpenSpec } from '../src/actionSpecs.js';
import { xucmgtErrors } from '../src/errors.js';
import { xucmgtOptionsSchema } from '../src/options.js';
import { ownPaneSnippet } from './support/crmServer.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The table rows of a `## <heading>` section, as cells. */
function tableRows(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\|/, '').replace(/\|$/, '').trim()));
}

describe('README', () => {
  test('the options table has every option with its default and description', () => {
    const rows = tableRows('Options');
    const properties = xucmgtOptionsSchema.properties as Record<
      string,
      { default?: unknown; description: string }
    >;
    expect(rows.map((r) => r[0])).toEqual(Object.keys(properties).map((k) => `\`${k}\``));
    for (const [name, schema] of Object.entries(properties)) {
      const row = rows.find((r) => r[0] === `\`${name}\``) ?? [];
      expect(row[2], name).toBe(schema.default === undefined ? '—' : `\`${JSON.stringify(schema.default)}\``);
      expect(row[3], name).toBe(schema.description);
    }
  });

  test('the thirdPartyOpen table lists every param', () => {
    const params = Object.keys(thirdPartyOpenSpec.params.properties);
    expect(tableRows('The answer: `thirdPartyOpen`').map((r) => r[0])).toEqual(params.map((p) => `\`${p}\``));
  });

  test('the errors table gives every refusal of the web service its status', () => {
    const section = readme.split('\n## Errors\n')[1]?.split('\n## ')[0] ?? '';
    const rows = section
      .split('\n')
      .map((line) => /^\| (\d{3})\s+\| `([a-z-]+)`/.exec(line))
      .filter((m) => m !== null)
      .map((m) => `${m[1]} ${m[2]}`);
    // What core's JSON route and the adapter refuse with; the int tests send each of them.
    expect(rows).toEqual([
      '400 invalid-json',
      '400 too-deep',
      '400 invalid-request',
      '401 unauthorized',
      '403 origin-not-allowed',
      '413 body-too-large',
      '415 unsupported-media-type',
    ]);
  });

  test('the error codes table has every code of the adapter with its description', () => {
    const rows = tableRows('Errors').filter((r) => r[0]?.startsWith('`XU_'));
    expect(rows.map((r) => r[0])).toEqual(Object.keys(xucmgtErrors.codes).map((c) => `\`${c}\``));
    for (const [code, description] of Object.entries(xucmgtErrors.codes)) {
      expect(rows.find((r) => r[0] === `\`${code}\``)?.[1], code).toBe(description);
    }
  });

  test('shows the pane snippet the browser test runs, THIRD_PARTY_URL and the allowlist', () => {
    expect(readme).toContain(ownPaneSnippet);
    expect(readme).toContain('THIRD_PARTY_URL=https://switchboard.example/adapters/xucmgt');
    expect(readme).toContain('allowedOrigins: ["https://xucmgt.example"]');
  });
});
