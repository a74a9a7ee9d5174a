import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkAdapterLayout } from './checkAdapterLayout.js';

const adapter = fileURLToPath(new URL('../../../adapter-bs-connects/', import.meta.url));

describe('b+s Connects follows the layout', () => {
  test('the layout check finds nothing', async () => {
    const { problems, notes } = await checkAdapterLayout(adapter, { vendor: 'BsConnects', kind: 'bridge' });
    expect(problems).toEqual([]);
    for (const note of notes) console.info(`long file: ${note}`);
  });
});
