import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { x8Errors } from '../errors.js';

/**
 * A phone number in E.164 (`+14155550123`), from what a rule gives (`(415) 555-0123`, `0032 2 555 12
 * 34`, `tel:+1-415-555-0123`, a number). Numbers without `+` need `country`. Throws
 * `X8_DIAL_INVALID_NUMBER` for anything that is not a valid number (full metadata, not only its length).
 */
export function normalizePhoneNumber(value: unknown, country?: string): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const parsed =
    text === '' ? undefined : parsePhoneNumberFromString(text, country as CountryCode | undefined);
  if (!parsed?.isValid()) {
    const hint =
      !text.startsWith('+') && !country ? ' (no country: set maestro.defaultCountry or `country`)' : '';
    throw x8Errors.error(
      'X8_DIAL_INVALID_NUMBER',
      `\`${text.slice(0, 40)}\` is not a valid phone number${hint}`,
    );
  }
  return parsed.number;
}
