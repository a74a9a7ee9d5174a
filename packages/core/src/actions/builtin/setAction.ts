import type { ActionSpec } from '../../contract/ActionSpec.js';

export const setActionSpec = {
  description: "Store values in the call's vars, for the next actions and for later events of the same call.",
  delivery: 'repeatable',
  params: {
    type: 'object',
    minProperties: 1,
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  },
} as const satisfies ActionSpec;
