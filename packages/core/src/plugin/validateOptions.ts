import type { ErrorObject, ValidateFunction } from 'ajv';
import type { AdapterManifest } from '../contract/defineAdapter.js';
import { SwitchboardError } from '../errors/index.js';
import { createAjv } from '../schemas/createAjv.js';
import { describeAjvErrors } from '../schemas/describeAjvErrors.js';

export type OptionsCheck =
  | { readonly ok: true; readonly options: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly ErrorObject[] };

const ajv = createAjv({ useDefaults: true });
const validators = new WeakMap<object, ValidateFunction>();

/** Validates an instance's options against the adapter's schema, applying defaults (on a copy). */
export function checkOptions(manifest: AdapterManifest, options: unknown): OptionsCheck {
  let validate = validators.get(manifest.optionsSchema);
  if (!validate) {
    validate = ajv.compile(manifest.optionsSchema);
    validators.set(manifest.optionsSchema, validate);
  }
  const copy = structuredClone(options ?? {}) as Record<string, unknown>;
  if (validate(copy)) return { ok: true, options: copy };
  return { ok: false, errors: validate.errors ?? [] };
}

/** Like `checkOptions`, throwing `SWB_PLUGIN_OPTIONS` with every problem. */
export function validateOptions(
  manifest: AdapterManifest,
  instance: string,
  options: unknown,
): Record<string, unknown> {
  const result = checkOptions(manifest, options);
  if (result.ok) return result.options;
  throw new SwitchboardError(
    'SWB_PLUGIN_OPTIONS',
    `options of adapter instance \`${instance}\` (${manifest.packageName}): ${describeAjvErrors(result.errors, 'the options')}`,
  );
}

/** Paths of options marked `x-secret` in the schema (top-level and nested properties). */
export function secretOptionPaths(schema: Record<string, unknown>, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  for (const [key, sub] of Object.entries(properties ?? {})) {
    if (sub['x-secret'] === true) out.push([...prefix, key]);
    if (sub.type === 'object') out.push(...secretOptionPaths(sub, [...prefix, key]));
  }
  return out;
}
