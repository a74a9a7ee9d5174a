import type { CompiledField } from './compileMapping.js';
import type { FieldKind } from './eventFields.js';
import { readJsonPath } from './jsonPath.js';
import { MappingError } from './MappingError.js';
import type { Scalar } from './mappingOptions.js';

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The value a field spec gives for a body: a constant, or the path's value translated through the map
 * (values not in the map pass unchanged); `default` when the path is missing or null.
 */
export function resolveField(body: unknown, field: CompiledField): unknown {
  if (field.kind === 'constant') return field.value;
  const value = readJsonPath(body, field.path);
  if (value === undefined || value === null) return field.fallback;
  if (field.map && isScalar(value) && Object.hasOwn(field.map, String(value)))
    return field.map[String(value)];
  return value;
}

const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Where a value came from, for messages: `call.queue ($.queue.name)`. */
export const describeField = (label: string, field: CompiledField): string =>
  field.kind === 'path' ? `${label} (${field.path.text})` : label;

/** Converts a resolved value to what a `call`/`agent` field holds; throws a MappingError when it cannot. */
export function coerceField(value: unknown, kind: FieldKind, where: string): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (kind === 'seconds') {
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : NaN;
    if (!Number.isFinite(n) || n < 0)
      throw new MappingError(`${where} is ${show(value)}, not a number of seconds`);
    return n;
  }
  if (!isScalar(value)) throw new MappingError(`${where} is ${show(value)}, not a text or number`);
  const text = String(value);
  if (typeof kind === 'object' && !kind.oneOf.includes(text)) {
    throw new MappingError(`${where} is ${show(value)}, not one of ${kind.oneOf.join(', ')}`);
  }
  return text;
}

export { isScalar, show };
