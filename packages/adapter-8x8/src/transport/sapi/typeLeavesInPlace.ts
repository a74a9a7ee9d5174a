import { isRecord } from '@switchboard/core';
import { jsonScalar } from './jsonScalar.js';

/**
 * Whether `jsonScalar` could change a string: only one that may read as a boolean or a number, or that
 * has something to trim (anything outside printable ASCII at either end is left to `jsonScalar`).
 */
function mayRetype(value: string): boolean {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first <= 0x20 || first >= 0x7f || last <= 0x20 || last >= 0x7f) return true;
  return (
    (first >= 0x30 && first <= 0x39) || first === 0x2d /* - */ || first === 0x74 /* t */ || first === 0x66
  );
}

const protoKey = '__proto__';

const typed = (value: string): unknown => (mayRetype(value) ? jsonScalar(value) : value);

/**
 * What `typeLeaves` makes of a value (every string leaf typed as SAPI's JSON output types it, `__proto__`
 * keys dropped), done in place on a value this adapter owns (fresh from `JSON.parse`): one walk, no copy.
 * The value must be bounded in depth (checked on its text first) and hold no cycles (parsed JSON cannot).
 */
export function typeLeavesInPlace(value: unknown): unknown {
  if (typeof value === 'string') return typed(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === 'string') value[i] = typed(item);
      else if (typeof item === 'object' && item !== null) typeLeavesInPlace(item);
    }
    return value;
  }
  if (isRecord(value)) {
    // JSON.parse makes `__proto__` an own data property; `typeLeaves` dropped it, and so does this.
    if (Object.hasOwn(value, protoKey)) Reflect.deleteProperty(value, protoKey);
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (typeof item === 'string') value[key] = typed(item);
      else if (typeof item === 'object' && item !== null) typeLeavesInPlace(item);
    }
  }
  return value;
}
