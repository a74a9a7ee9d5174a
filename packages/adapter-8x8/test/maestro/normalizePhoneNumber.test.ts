import { describe, expect, test } from 'vitest';
import { normalizePhoneNumber } from '../../src/actions/normalizePhoneNumber.js';

describe('normalizePhoneNumber', () => {
  test.each([
    ['+1 (201) 555-0123', undefined, '+12015550123'],
    ['(201) 555-0123', 'US', '+12015550123'],
    ['tel:+1-201-555-0123', undefined, '+12015550123'],
    ['02 555 12 34', 'BE', '+3225551234'],
    [2015550123, 'US', '+12015550123'],
  ])('%j (%s) → %s', (input, country, e164) => {
    expect(normalizePhoneNumber(input, country)).toBe(e164);
  });

  test.each([['+1234567890'], ['555'], ['not a number'], [''], ['2015550123']])('%j is refused', (input) => {
    expect(() => normalizePhoneNumber(input)).toThrow(/not a valid phone number/);
  });
});
