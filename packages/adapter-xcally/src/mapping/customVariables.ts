import { isRecord, type Vars } from '@switchboard/core';
import { documentedFields } from './xcallyFields.js';

const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The call's custom variables, reachable as `vars.*` in rules:
 * - payload fields the xCALLY docs do not describe (`ordernumber: '42'` → `vars.ordernumber`);
 * - a `customvariables` object, either keyed by call (`{ '<uniqueid>': { ordernumber } }`, as
 *   template.js reads `customvariables[data.uniqueid].ordernumber`) or flat (`{ ordernumber }`).
 * The event's own flag (`up: true` on `up`) is not a variable.
 */
export function customVariables(payload: Readonly<Record<string, unknown>>, event: string): Vars {
  const vars: Vars = {};
  for (const [key, value] of Object.entries(payload)) {
    if (documentedFields.has(key) || key === event || unsafeKeys.has(key)) continue;
    vars[key] = value;
  }
  const declared = payload.customvariables;
  if (!isRecord(declared)) return vars;
  const uniqueid = payload.uniqueid;
  // own keys only: a call id such as `__proto__` must not find Object.prototype
  const own =
    typeof uniqueid === 'string' && Object.hasOwn(declared, uniqueid) ? declared[uniqueid] : undefined;
  const source = isRecord(own) ? own : isFlat(declared) ? declared : {};
  for (const [key, value] of Object.entries(source)) {
    if (!unsafeKeys.has(key)) vars[key] = value;
  }
  return vars;
}

/** A flat map of values, not one keyed by other calls' ids. */
function isFlat(object: Record<string, unknown>): boolean {
  return Object.values(object).every((v) => !isRecord(v));
}
