const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const integer = /^-?\d+$/;

/**
 * Types a text value the way SAPI's JSON output does: text that reads as a JSON boolean or number
 * goes without quotes there (`true`, `0`, `5515557212`), anything else is a string (`"0123"`,
 * `"+15515557212"`, `"resume"`). Applied to XML text and to JSON strings alike, so an event decodes to
 * the same values from either format, and `"false"` and `false` (both seen from SAPI) are one value.
 * Whitespace around the value is dropped (SAPI's XML is pretty-printed); an integer too large to be
 * exact as a number stays a string.
 */
export function jsonScalar(raw: string): string | number | boolean {
  const text = raw.trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (jsonNumber.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value) && (!integer.test(text) || Number.isSafeInteger(value))) return value;
  }
  return text;
}
