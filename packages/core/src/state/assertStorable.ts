import { SwitchboardError } from '../errors/index.js';
import { defaultMaxJsonDepth } from '../util/jsonDepth.js';

/**
 * Throws `SWB_STATE_VALUE` unless `value` is JSON-like data (null, booleans, finite numbers, strings,
 * arrays and plain objects, `undefined` fields skipped) nesting at most `defaultMaxJsonDepth` levels: what
 * every backend can store and give back unchanged. Checked before anything of a batch is written.
 */
export function assertStorable(value: unknown, key: string): void {
  const problem = findProblem(value, 0);
  if (problem !== undefined) {
    throw new SwitchboardError('SWB_STATE_VALUE', `the value for state key \`${key}\` ${problem}`);
  }
}

function findProblem(value: unknown, depth: number): string | undefined {
  if (depth > defaultMaxJsonDepth) return `nests deeper than ${defaultMaxJsonDepth} levels`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `holds the number ${value}`;
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (const item of value) {
          const problem = findProblem(item, depth + 1);
          if (problem !== undefined) return problem;
        }
        return undefined;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        return `holds a ${(value as object).constructor?.name ?? 'non-plain'} object`;
      }
      for (const item of Object.values(value)) {
        const problem = findProblem(item, depth + 1);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    default:
      return `holds a ${typeof value}`;
  }
}
