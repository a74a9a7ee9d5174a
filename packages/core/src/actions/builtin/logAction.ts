import type { ActionSpec } from '../../plugin/AdapterManifest.js';

export const logActionSpec: ActionSpec = {
  description:
    "Write into the platform's log where the adapter has one (b+s `writeLog`), else the daemon log.",
  params: {
    type: 'object',
    required: ['message'],
    properties: {
      message: { type: 'string' },
      level: { enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
    },
    additionalProperties: false,
  },
};
