import type { EventInput, MappingContext } from '@switchboard/core';
import { defaultMapping } from '../options/defaultMapping.js';
import type { MappingOptions } from '../options/WebhookOptions.js';
import { type CompiledMapping, compileMapping } from './compileMapping.js';
import { mapBodies } from './mapBodies.js';

/** Core may hand the instance's options to the mapper (see the README); older cores do not. */
type ContextWithOptions = MappingContext & { readonly options?: unknown };

const compiled = new WeakMap<object, CompiledMapping>();
const defaultCompiled = compileMapping(defaultMapping);

function mappingOf(options: unknown): CompiledMapping {
  const mapping = (options as { mapping?: MappingOptions } | undefined)?.mapping;
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
 * them) → normalized events, with the instance's mapping when core passes the options, else the default
 * mapping. Throws an Error with a clear message for a body that does not fit.
 */
export function mapVendorEvent(payload: unknown, context: MappingContext): readonly EventInput[] {
  const { options } = context as ContextWithOptions;
  const maxBatch = (options as { maxBatch?: number } | undefined)?.maxBatch ?? 10_000;
  return mapBodies(payload, mappingOf(options), { source: context.source, now: context.now, maxBatch });
}
