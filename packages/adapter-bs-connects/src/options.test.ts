import { checkOptions, validateOptions } from '@switchboard/core/host';
import { describe, expect, it } from 'vitest';
import { bsConnectsAdapter } from './manifest.js';

const key = 'k3y-0123456789abcdef';

describe('the options: `origins` is required', () => {
  it('refuses a config without `origins`, saying so', () => {
    expect(checkOptions(bsConnectsAdapter, { key }).ok).toBe(false);
    expect(() => validateOptions(bsConnectsAdapter, 'bs', { key })).toThrow(/origins/);
  });

  it('takes a list of origins, or `*` written explicitly', () => {
    const listed = checkOptions(bsConnectsAdapter, { key, origins: ['https://contoso.crm4.dynamics.com'] });
    expect(listed.ok && listed.options.origins).toEqual(['https://contoso.crm4.dynamics.com']);
    const any = checkOptions(bsConnectsAdapter, { key, origins: '*' });
    expect(any.ok && any.options.origins).toBe('*');
  });

  it('refuses an origin with a path, and an empty list', () => {
    expect(checkOptions(bsConnectsAdapter, { key, origins: ['https://contoso.crm4.dynamics.com/'] }).ok).toBe(
      false,
    );
    expect(checkOptions(bsConnectsAdapter, { key, origins: [] }).ok).toBe(false);
  });
});
