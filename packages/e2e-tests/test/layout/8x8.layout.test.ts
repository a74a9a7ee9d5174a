import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkAdapterLayout } from './checkAdapterLayout.js';

const adapter = fileURLToPath(new URL('../../../adapter-8x8/', import.meta.url));

describe('8x8 follows the layout', () => {
  // Both roles: a client of SAPI (transport/sapi/SapiConnection.ts) and a server of Maestro bridges
  // (transport/maestro/MaestroBridge.ts).
  test.each(['client', 'bridge'] as const)('as a %s, the layout check finds nothing', async (kind) => {
    const { problems, notes } = await checkAdapterLayout(adapter, { vendor: 'EightByEight', kind });
    expect(problems).toEqual([]);
    if (kind === 'client') for (const note of notes) console.info(`long file: ${note}`);
  });
});
