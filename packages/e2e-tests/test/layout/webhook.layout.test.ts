import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkAdapterLayout } from './checkAdapterLayout.js';

const adapter = fileURLToPath(new URL('../../../../examples/webhook-adapter/', import.meta.url));

describe('the webhook example (a third-party plugin) follows the layout of a web-service adapter', () => {
  test('the layout check finds nothing', async () => {
    const { problems, notes } = await checkAdapterLayout(adapter, { vendor: 'Webhook', kind: 'server' });
    expect(problems).toEqual([]);
    for (const note of notes) console.info(`long file: ${note}`);
  });
});
