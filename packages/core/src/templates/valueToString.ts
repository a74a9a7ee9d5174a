import { SwitchboardError } from '../errors/index.js';

/**
 * The text a value renders as: strings as they are, numbers and booleans via `String`, `null` and
 * `undefined` as '', dates as ISO strings (an invalid date as ''), objects and arrays as JSON.
 */
export function valueToString(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return '';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
      return valueToJson(value);
    default:
      return '';
  }
}

/** `JSON.stringify(value)`, '' for values JSON has no text for (`undefined`, functions). */
export function valueToJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SwitchboardError(
      'SWB_TEMPLATE_RENDER',
      `A template value cannot be written as JSON: ${reason}`,
      {
        cause,
      },
    );
  }
}
