import { varOperation } from './varLookup.js';

/** `jsonLogic.apply(value, data)` for a value computed at runtime (json-logic-js re-applies some values). */
export type ApplyValue = (value: unknown, data: unknown) => unknown;

/**
 * `missing` and `missing_some` of json-logic-js 2.0.5 on evaluated arguments. Like the original, each key is
 * looked up through `jsonLogic.apply({"var": key}, data)`, and `missing_some` goes through
 * `jsonLogic.apply({"missing": options}, data)`: both re-apply already evaluated values, so `reapply` is needed.
 */
export function missingOperation(args: readonly unknown[], data: unknown, reapply: ApplyValue): unknown[] {
  const first = args[0];
  const keys: readonly unknown[] = Array.isArray(first) ? first : args;
  const missing: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = applyVar(key, data, reapply);
    if (value === null || value === '') {
      missing.push(key);
    }
  }
  return missing;
}

export function missingSomeOperation(
  needCount: unknown,
  options: unknown,
  data: unknown,
  reapply: ApplyValue,
): unknown[] {
  const areMissing = missingOperation(reapplyEach(options, data, reapply), data, reapply);
  if ((options as { length: number }).length - areMissing.length >= (needCount as number)) {
    return [];
  }
  return areMissing;
}

/** `jsonLogic.apply({"var": key}, data)`. */
function applyVar(key: unknown, data: unknown, reapply: ApplyValue): unknown {
  if (typeof key === 'string' || typeof key === 'number') {
    return varOperation(data, key, undefined);
  }
  const args = reapplyEach(key, data, reapply);
  return varOperation(data, args[0], args[1]);
}

/** The argument list json-logic-js builds for `{op: value}`, each argument applied again. */
function reapplyEach(value: unknown, data: unknown, reapply: ApplyValue): unknown[] {
  return Array.isArray(value) ? value.map((item) => reapply(item, data)) : [reapply(value, data)];
}
