import type { FilterCall } from './Placeholder.js';
import { templateSyntaxError } from './templateSyntaxError.js';
import { valueToJson, valueToString } from './valueToString.js';

/** A filter step: takes the value so far, returns the next. */
export type FilterFn = (value: unknown) => unknown;

/** A placeholder's filter chain, ready to run. */
export interface CompiledFilters {
  /** The steps composed left to right; `undefined` when no step changes the value. */
  readonly apply: FilterFn | undefined;
  /** `| raw` appears: the value is inserted without encoding. */
  readonly raw: boolean;
}

export const filterNames = ['raw', 'default', 'upper', 'lower', 'trim', 'json'] as const;

const upper: FilterFn = (value) => valueToString(value).toUpperCase();
const lower: FilterFn = (value) => valueToString(value).toLowerCase();
const trim: FilterFn = (value) => valueToString(value).trim();

function defaultTo(fallback: string): FilterFn {
  return (value) => (value === undefined || value === null || value === '' ? fallback : value);
}

/** Validates and compiles `| raw | default: "x" | upper …`; throws `SWB_TEMPLATE_SYNTAX` with the filter's offset. */
export function compileFilters(calls: readonly FilterCall[]): CompiledFilters {
  const steps: FilterFn[] = [];
  let raw = false;
  for (const call of calls) {
    if (!(filterNames as readonly string[]).includes(call.name)) {
      throw templateSyntaxError(
        `Unknown filter "${call.name}" (known filters: ${filterNames.join(', ')})`,
        call.offset,
      );
    }
    if (call.name === 'default') {
      if (call.arg === undefined) {
        throw templateSyntaxError(
          'Filter "default" needs a quoted value, as in default: "n/a",',
          call.offset,
        );
      }
      steps.push(defaultTo(call.arg));
      continue;
    }
    if (call.arg !== undefined)
      throw templateSyntaxError(`Filter "${call.name}" takes no value`, call.offset);
    switch (call.name) {
      case 'raw':
        raw = true;
        break;
      case 'upper':
        steps.push(upper);
        break;
      case 'lower':
        steps.push(lower);
        break;
      case 'trim':
        steps.push(trim);
        break;
      default:
        steps.push(valueToJson);
    }
  }
  return { apply: compose(steps), raw };
}

function compose(steps: readonly FilterFn[]): FilterFn | undefined {
  if (steps.length <= 1) return steps[0];
  return (value) => {
    let result = value;
    for (const step of steps) result = step(result);
    return result;
  };
}
