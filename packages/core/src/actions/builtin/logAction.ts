import type { ActionSpec } from '../../contract/ActionSpec.js';

export const logActionSpec = {
  description:
    "Write into the platform's log where the adapter has one (it carries out `log` itself), else the daemon log.",
  delivery: 'repeatable',
  params: {
    type: 'object',
    required: ['message'],
    properties: {
      message: { type: 'string' },
      level: { enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
    },
    additionalProperties: false,
  },
} as const satisfies ActionSpec;
