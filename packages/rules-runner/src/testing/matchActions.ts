import { isRecord } from '@switchboard/core';

/** An action as a rule test sees it: name, instance, params, and whether it failed. */
export interface SeenAction {
  readonly action: string;
  readonly via: string;
  readonly params: unknown;
  readonly failed?: string;
}

export interface ExpectedAction {
  readonly action: string;
  readonly via?: string;
  readonly params: unknown;
  readonly fails?: boolean;
}

/** True when `actual` contains everything `expected` says: objects by subset, arrays and scalars exactly. */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return false;
    return Object.entries(expected).every(
      ([k, v]) => Object.hasOwn(actual, k) && containsSubset(actual[k], v),
    );
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((v, i) => containsSubset(actual[i], v))
    );
  }
  return Object.is(actual, expected) || (typeof expected === 'number' && actual === expected);
}

/** `actual` reduced to the keys `expected` names (so diffs show only what the test is about). */
export function project(actual: unknown, expected: unknown): unknown {
  if (isRecord(expected) && isRecord(actual)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(expected))
      if (Object.hasOwn(actual, key)) out[key] = project(actual[key], expected[key]);
    return out;
  }
  return actual;
}

export function actionMatches(actual: SeenAction, expected: ExpectedAction): boolean {
  return (
    actual.action === expected.action &&
    (expected.via === undefined || actual.via === expected.via) &&
    (expected.fails === undefined || expected.fails === (actual.failed !== undefined)) &&
    containsSubset(actual.params, expected.params)
  );
}
