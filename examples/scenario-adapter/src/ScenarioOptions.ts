export interface ScenarioOptions {
  /** Scenario YAML file, relative to the daemon config. */
  readonly scenario: string;
  readonly loop: boolean;
  readonly speed: number;
}

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
