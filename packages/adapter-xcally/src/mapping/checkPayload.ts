import { isRecord } from '@switchboard/core';
import type { XcallyLimits } from '../options.js';
import { xcallyEventTypes } from '../vendorEvents.js';

export const defaultLimits: XcallyLimits = { maxPayloadBytes: 65_536, maxStringLength: 4096 };

/** Why a payload was refused; the label of `switchboard_input_rejected_total`. */
export type RejectReason =
  | 'not-an-object'
  | 'missing-event'
  | 'invalid-event-name'
  | 'missing-uniqueid'
  | 'invalid-field'
  | 'payload-too-large'
  | 'string-too-long';

export interface PayloadProblem {
  readonly reason: RejectReason;
  /** A sentence for the log, naming the field. */
  readonly message: string;
  readonly field?: string;
}

export type XcallyPayload = Readonly<Record<string, unknown>> & { readonly event: string };

const eventName = /^[A-Za-z0-9_.:-]{1,64}$/;
const maxIdLength = 128;

/**
 * Checks what the mapping relies on: an object with an `event` name, a string `uniqueid` for call
 * events (a number would lose digits such as `1599601698.90`), and the size limits. Returns the
 * problem, or `undefined` when the payload can be mapped.
 */
export function checkPayload(
  payload: unknown,
  limits: XcallyLimits = defaultLimits,
): PayloadProblem | undefined {
  if (!isRecord(payload)) {
    return { reason: 'not-an-object', message: `payload is ${describeType(payload)}, expected an object` };
  }
  const size = jsonSize(payload);
  if (size > limits.maxPayloadBytes) {
    return {
      reason: 'payload-too-large',
      message: `payload is ${size} bytes, more than limits.maxPayloadBytes (${limits.maxPayloadBytes})`,
    };
  }
  const long = findLongString(payload, limits.maxStringLength);
  if (long !== undefined) {
    return {
      reason: 'string-too-long',
      field: long.path,
      message: `\`${long.path}\` is ${long.length} characters, more than limits.maxStringLength (${limits.maxStringLength})`,
    };
  }
  const { event, uniqueid } = payload;
  if (event === undefined || event === null || event === '') {
    return { reason: 'missing-event', field: 'event', message: 'payload has no `event` name' };
  }
  if (typeof event !== 'string' || !eventName.test(event)) {
    return {
      reason: 'invalid-event-name',
      field: 'event',
      message: `\`event\` must be a name of letters, digits and _.:- (at most 64), got ${describeType(event)}`,
    };
  }
  const isCallEvent = xcallyEventTypes.has(event);
  if (uniqueid === undefined || uniqueid === null || uniqueid === '') {
    if (isCallEvent) {
      return {
        reason: 'missing-uniqueid',
        field: 'uniqueid',
        message: `\`${event}\` payload has no \`uniqueid\``,
      };
    }
    return undefined;
  }
  if (typeof uniqueid !== 'string' || uniqueid.length > maxIdLength) {
    return {
      reason: 'invalid-field',
      field: 'uniqueid',
      message: `\`uniqueid\` must be a string of at most ${maxIdLength} characters, got ${describeType(uniqueid)}`,
    };
  }
  return undefined;
}

/** `a string of 12 characters`, `a number`, `an array`, `null`… for messages (never the value itself). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function jsonSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function findLongString(value: unknown, max: number): { path: string; length: number } | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string };
    if (typeof item.value === 'string') {
      if (item.value.length > max) return { path: item.path, length: item.value.length };
    } else if (typeof item.value === 'object' && item.value !== null) {
      for (const [key, child] of Object.entries(item.value)) {
        if (key.length > max) return { path: `${item.path}(key)`, length: key.length };
        stack.push({ value: child, path: item.path === '' ? key : `${item.path}.${key}` });
      }
    }
  }
  return undefined;
}
