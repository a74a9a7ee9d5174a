import { describeType, type PayloadProblem } from './checkPayload.js';
import { type TextField, textFields, timingFields } from './xcallyFields.js';

export interface TextValues {
  readonly values: Partial<Record<TextField, string>>;
  /** Fields that came as numbers and were turned into text. */
  readonly converted: readonly string[];
}

/**
 * Reads the documented text fields. xCALLY sends strings; a finite number is accepted as its text
 * (`agentnum: 1000` → `'1000'`) and reported; an object, array or boolean is a malformed payload.
 */
export function readTextFields(payload: Readonly<Record<string, unknown>>): TextValues | PayloadProblem {
  const values: Partial<Record<TextField, string>> = {};
  const converted: string[] = [];
  for (const field of textFields) {
    const value = payload[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string') values[field] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) {
      values[field] = String(value);
      converted.push(field);
    } else {
      return {
        reason: 'invalid-field',
        field,
        message: `\`${field}\` must be a string, got ${describeType(value)}`,
      };
    }
  }
  return { values, converted };
}

export type Timings = Partial<Record<(typeof timingFields)[keyof typeof timingFields], number>>;

/** `holdtime: '4'` → `holdSeconds: 4`; numbers pass; anything not a non-negative number is left out. */
export function readTimings(payload: Readonly<Record<string, unknown>>): Timings {
  const out: Timings = {};
  for (const [field, target] of Object.entries(timingFields) as [
    keyof typeof timingFields,
    keyof Timings,
  ][]) {
    const seconds = toSeconds(payload[field]);
    if (seconds !== undefined) out[target] = seconds;
  }
  return out;
}

export function toSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
