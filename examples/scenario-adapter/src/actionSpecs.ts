import type { ActionSpecs, ParamsOf } from '@switchboard/core';

// `as const`, like every shared fragment: without it `type` widens to `string` and no type is inferred.
const peer = {
  type: 'string',
  default: '{{ call.peer }}',
  description: "Agent interface; default the event's peer.",
} as const;

/** Agent-desktop actions the simulated desktop understands, with the same params as the real adapters. */
export const scenarioActions = {
  wakeup: {
    description: 'Open a URL for the agent (simulated: logged).',
    params: {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', 'x-template': 'url' },
        mode: { enum: ['new_tab', 'new_window', 'new_frame'], default: 'new_tab' },
        peer,
      },
      additionalProperties: false,
    },
  },
  notification: {
    description: 'Show the agent a message (simulated: logged).',
    params: {
      type: 'object',
      required: ['body'],
      properties: {
        type: { enum: ['info', 'success', 'warning', 'error'], default: 'info' },
        title: { type: 'string', default: '' },
        body: { type: 'string' },
        peer,
      },
      additionalProperties: false,
    },
  },
  pushevent: {
    description: "Put an entry into the supervisors' realtime view (simulated: logged).",
    params: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { type: 'string' },
        reference: { type: 'string' },
        url: { type: 'string', 'x-template': 'url' },
      },
      additionalProperties: false,
    },
  },
} as const satisfies ActionSpecs;

export type ScenarioAction = keyof typeof scenarioActions;

/** An action's params after rendering, as its schema defines them. */
export type ScenarioParams<K extends ScenarioAction> = ParamsOf<(typeof scenarioActions)[K]>;
