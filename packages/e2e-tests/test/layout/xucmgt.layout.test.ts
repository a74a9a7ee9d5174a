import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkAdapterLayout } from './checkAdapterLayout.js';

const adapter = fileURLToPath(new URL('../../../adapter-xucmgt/', import.meta.url));

describe('XucMgt follows the layout of a web-service adapter', () => {
  test('the layout check finds nothing', async () => {
    const { problems, notes } = await checkAdapterLayout(adapter, { vendor: 'Xucmgt', kind: 'server' });
    expect(problems).toEqual([]);
    for (const note of notes) console.info(`long file: ${note}`);
  });
});
