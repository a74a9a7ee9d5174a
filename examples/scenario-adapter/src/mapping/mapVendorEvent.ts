import { createAjv, describeAjvErrors, type EventInput, type MappingContext } from '@switchboard/core';
import { scenarioErrors } from '../errors.js';
import type { ScenarioCall } from '../scenario/Scenario.js';
import { scenarioCallSchema } from '../scenario/scenarioSchema.js';
import { callEvents } from './callEvents.js';

const validateCall = createAjv({ useDefaults: true }).compile(scenarioCallSchema);

/**
 * The manifest's pure mapping, for rule tests and `rules-runner replay`: a recorded call, written as in
 * a scenario file (`{ name, steps: [{ after, event }] }`), becomes the events the player emits for it
 * in its first round (ids `<id>#1`).
 */
export function mapVendorEvent(payload: unknown, _context: MappingContext): readonly EventInput[] {
  // Defaults are filled in on a copy: the caller's value stays as it was.
  const call = structuredClone(payload);
  if (!validateCall(call)) {
    throw scenarioErrors.error(
      'SCENARIO_INVALID',
      `not a recorded call of a scenario: ${describeAjvErrors(validateCall.errors, 'the call')}`,
    );
  }
  return callEvents(call as unknown as ScenarioCall, 1);
}
