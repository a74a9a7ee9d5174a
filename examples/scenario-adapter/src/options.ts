import type { InstanceContext, OptionsOf } from '@switchboard/core';

/** JSON Schema of the options: validation, defaults and the README's options table. */
export const scenarioOptionsSchema = {
  type: 'object',
  required: ['scenario'],
  properties: {
    scenario: { type: 'string', description: 'Scenario YAML file, relative to the daemon config.' },
    loop: { type: 'boolean', default: true, description: 'Start again after the last call.' },
    speed: { type: 'number', exclusiveMinimum: 0, maximum: 1000, default: 1, description: 'Time factor.' },
  },
  additionalProperties: false,
} as const;

/** An instance's options, validated against `scenarioOptionsSchema` with its defaults applied. */
export type ScenarioOptions = OptionsOf<typeof scenarioOptionsSchema>;

/** What core gives a scenario instance, with its options typed. */
export type ScenarioContext = InstanceContext<ScenarioOptions>;
