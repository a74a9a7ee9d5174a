import type { EventInput, MappingContext } from '@switchboard/core';
import type { XcallyOptions } from '../options.js';
import { mapXcallyEvent } from './mapXcallyEvent.js';

/**
 * The manifest's pure mapping, used by `rules-runner replay` and rule tests (`given: - vendor: {…}`):
 * one xCALLY payload → one normalized event, with the instance's `limits`. A malformed payload throws with the reason, so a test or
 * replay file points at it instead of silently skipping it.
 */
export function mapVendorEvent(
  payload: unknown,
  context: MappingContext<Partial<XcallyOptions>>,
): readonly EventInput[] {
  const limits = context.options?.limits;
  const result = mapXcallyEvent(payload, {
    source: context.source,
    now: context.now,
    ...(limits ? { limits } : {}),
  });
  if (!result.ok)
    throw new Error(`xCALLY payload rejected (${result.problem.reason}): ${result.problem.message}`);
  return [result.event];
}
