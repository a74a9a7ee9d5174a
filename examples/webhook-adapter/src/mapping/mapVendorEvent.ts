import type { EventInput, MappingContext } from '@switchboard/core';
import { type CompiledMapping, compileMapping } from './compileMapping.js';
import { defaultMapping } from './defaultMapping.js';
import { mapBodies } from './mapBodies.js';
import type { MappingOptions } from './mappingOptions.js';

const compiled = new WeakMap<MappingOptions, CompiledMapping>();
const defaultCompiled = compileMapping(defaultMapping);

function mappingOf(mapping: MappingOptions | undefined): CompiledMapping {
  if (!mapping) return defaultCompiled;
  let found = compiled.get(mapping);
  if (!found) {
    found = compileMapping(mapping);
    compiled.set(mapping, found);
  }
  return found;
}

/**
 * The manifest's pure mapper, for `rules-runner replay` and rule tests: a webhook body (or an array of
 * them) → normalized events, with the instance's mapping (core passes the instance's options), else
 * the default mapping. Throws a `MappingError` (`WEBHOOK_INVALID_BODY`) for a body that does not fit.
 */
export function mapVendorEvent(
  payload: unknown,
  context: MappingContext<{ readonly mapping?: unknown; readonly maxBatch?: number }>,
): readonly EventInput[] {
  const { options } = context;
  // Core passes the options as the schema checked them (`mapping` has its own type: see WebhookOptions).
  return mapBodies(payload, mappingOf(options?.mapping as MappingOptions | undefined), {
    source: context.source,
    now: context.now,
    maxBatch: options?.maxBatch ?? 10_000,
  });
}
