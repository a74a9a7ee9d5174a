import { map__Vendor__Event } from './map__Vendor__Event.js';

/**
 * The manifest's pure mapping, used by `rules-runner replay` and rule tests (`given: - vendor: {…}`). A
 * frame that cannot be mapped throws with the reason, so a test points at it instead of skipping it.
 * @param {unknown} payload
 * @param {import('@switchboard/core').MappingContext} context
 */
export function mapVendorEvent(payload, context) {
  const result = map__Vendor__Event(payload, {
    adapter: '__vendor__',
    source: context.source,
    now: context.now,
  });
  if (!result.ok) throw new Error(`__Vendor__ frame rejected (${result.reason}): ${result.message}`);
  return [result.event];
}
