import { defineErrorCodes } from '@switchboard/core';

/** The adapter's error codes: an instance that cannot start says why with one of them. */
export const scenarioErrors = defineErrorCodes('SCENARIO', {
  SCENARIO_NOT_FOUND: 'The scenario file cannot be read (the path is relative to the daemon config).',
  SCENARIO_INVALID:
    'The scenario file, or a recorded call given to a rule test or `replay`, is not a scenario: the message says where.',
});

export type ScenarioErrorCode = keyof typeof scenarioErrors.codes;
