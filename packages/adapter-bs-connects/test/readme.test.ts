import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bsConnectsAdapter } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README keeps up with the manifest', () => {
  it.each(Object.keys(bsConnectsAdapter.optionsSchema.properties as object))(
    'documents the option `%s`',
    (option) => {
      expect(readme).toMatch(new RegExp(`\\| \`${option}\` +\\|`));
    },
  );
  it.each(Object.keys(bsConnectsAdapter.actions))('documents the action `%s`', (action) => {
    expect(readme).toMatch(new RegExp(`\\| \`${action}\` +\\|`));
  });
  it.each(Object.keys(bsConnectsAdapter.errors?.codes ?? {}))('documents the error code `%s`', (code) => {
    expect(readme).toMatch(new RegExp(`\\| \`${code}\` +\\|`));
  });
  it.each(Object.keys(bsConnectsAdapter.emits.vendorEvents ?? {}))('maps the b+s event `%s`', (event) => {
    expect(readme).toMatch(new RegExp(`[|/] \`${event}\` `));
  });
});
