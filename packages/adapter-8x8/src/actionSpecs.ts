import type { ActionSpecs, ParamsOf } from '@switchboard/core';

/** Actions an 8x8 instance carries out, with JSON Schema params. */
export const eightByEightActions = {
  dial: {
    description:
      "Click-to-dial: the agent's MaestroSDK iframe gets the `startCall` directive. The number is normalized to E.164 first; an invalid number fails the action.",
    // At most once per event and agent: a dial whose confirmation a restart cut off is sent again with
    // its key, and the agent's bridge answers it without dialling twice.
    delivery: { mode: 'once-keyed', target: 'agent' },
    params: {
      type: 'object',
      required: ['phoneNumber'],
      properties: {
        phoneNumber: {
          type: ['string', 'number'],
          description: 'Number to call, e.g. `{{ call.caller }}` or `+14155550123`.',
        },
        agent: {
          type: 'string',
          default: '{{ agent.id }}',
          description: "8x8 agent whose browser dials; default the event's agent.",
        },
        country: {
          type: 'string',
          pattern: '^[A-Z]{2}$',
          description: 'Country for a number without `+`; default maestro.defaultCountry.',
        },
      },
      additionalProperties: false,
    },
  },
} as const satisfies ActionSpecs;

export type EightByEightAction = keyof typeof eightByEightActions;

/** The rendered params of an action, typed by its schema: `EightByEightParams<'dial'>`. */
export type EightByEightParams<K extends EightByEightAction> = ParamsOf<(typeof eightByEightActions)[K]>;
