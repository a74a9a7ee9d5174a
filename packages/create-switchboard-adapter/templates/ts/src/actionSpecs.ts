import type { ActionSpecs, ParamsOf } from '@switchboard/core';

/** The adapter's actions, with JSON Schema params: rules write `- popup: { url: … }`. */
export const __vendorCamel__Actions = {
  popup: {
    description: "Open a URL on the agent's screen: sends `{ command: 'popup', agent, url }`.",
    params: {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', 'x-template': 'url', description: 'Values in {{ }} are percent-encoded.' },
        agent: { type: 'string', default: '{{ agent.id }}', description: "Default: the event's agent." },
      },
      additionalProperties: false,
    },
  },
} as const satisfies ActionSpecs;

export type __Vendor__Action = keyof typeof __vendorCamel__Actions;

/** The rendered params of an action, typed by its schema: `__Vendor__Params<'popup'>`. */
export type __Vendor__Params<K extends __Vendor__Action> = ParamsOf<(typeof __vendorCamel__Actions)[K]>;
