import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkAdapterLayout } from './checkAdapterLayout.js';

const adapter = fileURLToPath(new URL('../../../../examples/scenario-adapter/', import.meta.url));

describe('the scenario example follows the layout of a generator (a source of its own)', () => {
  test('the layout check finds nothing', async () => {
    const { problems, notes } = await checkAdapterLayout(adapter, { vendor: 'Scenario', kind: 'generator' });
    expect(problems).toEqual([]);
    for (const note of notes) console.info(`long file: ${note}`);
  });
});
