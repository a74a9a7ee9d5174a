import type { StateOp } from '@switchboard/core';
import { assertStorable } from '@switchboard/core/host';

/**
 * How a value is kept in Redis: a plain object as a hash (field `.<name>` → the field's JSON, plus the
 * marker field `#` so an empty object exists), anything else as a string of JSON (`''` for `undefined`).
 * A hash lets `merge` (HSET) work on one field without reading the object.
 */
export type StoredForm =
  | { readonly kind: 's'; readonly text: string }
  | { readonly kind: 'h'; readonly fields: string[] };

const fieldPrefix = '.';

/** Checks `value` (`SWB_STATE_VALUE`) and gives the form it is written in. */
export function storedForm(value: unknown, key: string): StoredForm {
  assertStorable(value, key);
  if (isPlainObject(value)) return { kind: 'h', fields: fieldPairs(value, false) };
  return { kind: 's', text: value === undefined ? '' : JSON.stringify(value) };
}

/** Checks `fields` and gives the field/JSON pairs of a merge ('' where a field is `undefined`: removed). */
export function mergedPairs(fields: Readonly<Record<string, unknown>>, key: string): string[] {
  assertStorable(fields, key);
  return fieldPairs(fields, true);
}

/** The ARGV of one op of the batch script (see `batchScript`). */
export function opArguments(op: StateOp, now: number): string[] {
  const at = 'ttlMs' in op && op.ttlMs !== undefined ? String(now + Math.max(0, op.ttlMs)) : '';
  switch (op.op) {
    case 'set':
    case 'setIfAbsent': {
      const form = storedForm(op.value, op.key);
      const code = op.op === 'set' ? 'set' : 'nx';
      return form.kind === 's'
        ? [code, at, 's', form.text]
        : [code, at, 'h', String(form.fields.length / 2), ...form.fields];
    }
    case 'merge': {
      const pairs = mergedPairs(op.fields, op.key);
      return ['merge', at, String(pairs.length / 2), ...pairs];
    }
    case 'delete':
      return ['del', ''];
  }
}

/** The value a read script's reply holds (see `readScript`); `found` is false for an absent key. */
export function readValue(reply: unknown): { found: boolean; value: unknown } {
  if (!Array.isArray(reply)) return { found: false, value: undefined };
  if (reply[0] === 's') {
    const text = String(reply[1]);
    return { found: true, value: text === '' ? undefined : JSON.parse(text) };
  }
  const value: Record<string, unknown> = {};
  for (let i = 1; i + 1 < reply.length; i += 2) {
    const field = String(reply[i]);
    if (!field.startsWith(fieldPrefix)) continue;
    const name = field.slice(fieldPrefix.length);
    // Own data property even for `__proto__`, as JSON.parse makes it; never the prototype.
    Object.defineProperty(value, name, {
      value: JSON.parse(String(reply[i + 1])),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { found: true, value };
}

function fieldPairs(fields: Readonly<Record<string, unknown>>, keepUndefined: boolean): string[] {
  const pairs: string[] = [];
  for (const name of Object.keys(fields)) {
    if (name === '__proto__') continue;
    const field = fields[name];
    if (field === undefined && !keepUndefined) continue;
    pairs.push(fieldPrefix + name, field === undefined ? '' : JSON.stringify(field));
  }
  return pairs;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
