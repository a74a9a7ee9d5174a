import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkAdapterLayout } from './checkAdapterLayout.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const adapter = `${root}packages/adapter-xcally/`;
const guide = readFileSync(`${root}docs/writing-an-adapter.md`, 'utf8');

describe('xCALLY, the reference adapter, follows the layout', () => {
  test('the layout check finds nothing', async () => {
    const { problems, notes } = await checkAdapterLayout(adapter, { vendor: 'Xcally', kind: 'client' });
    expect(problems).toEqual([]);
    for (const note of notes) console.info(`long file: ${note}`);
  });

  test('the guide names it the reference, and every path of its xCALLY column exists', () => {
    expect(guide).toContain('**`@switchboard/adapter-xcally` is the reference adapter**');
    const table = guide.slice(guide.indexOf('## One layout by role'), guide.indexOf('### The emulator'));
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| job') && !line.startsWith('| ---'));
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const paths = rows.flatMap((row) =>
      [...(row.split('|')[3] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string),
    );
    expect(paths.length).toBeGreaterThanOrEqual(15);
    expect(paths.filter((path) => !existsSync(`${adapter}${path}`))).toEqual([]);
  });
});
