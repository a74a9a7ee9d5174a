import type { EventInput, MappingContext } from '@switchboard/core';
import type { __Vendor__Options } from '../options.js';
import { map__Vendor__Event } from './map__Vendor__Event.js';

/**
 * The manifest's pure mapping, used by `rules-runner replay` and rule tests (`given: - vendor: {…}`). A
 * frame that cannot be mapped throws with the reason, so a test points at it instead of skipping it.
 */
export function mapVendorEvent(
  payload: unknown,
  context: MappingContext<Partial<__Vendor__Options>>,
): readonly EventInput[] {
  const result = map__Vendor__Event(payload, {
    adapter: '__vendor__',
    source: context.source,
    now: context.now,
  });
  if (!result.ok) throw new Error(`__Vendor__ frame rejected (${result.reason}): ${result.message}`);
  return [result.event];
}
