/** JSON Schema of one recorded call: a name and its steps. */
export const scenarioCallSchema = {
  type: 'object',
  required: ['name', 'steps'],
  properties: {
    name: { type: 'string' },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['event'],
        properties: {
          after: {
            type: 'integer',
            minimum: 0,
            default: 500,
            description: 'ms after the previous step',
          },
          event: { type: 'object', required: ['type'] },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

/** JSON Schema of a scenario file. */
export const scenarioSchema = {
  type: 'object',
  required: ['calls'],
  properties: {
    gap: { type: 'integer', minimum: 0, default: 1500, description: 'ms between calls' },
    calls: { type: 'array', minItems: 1, items: scenarioCallSchema },
  },
  additionalProperties: false,
} as const;
