import { type ActionSpecs, coreActionSpecs, type ParamsOf } from '@switchboard/core';

// `as const`, like every shared fragment: without it `type` widens to `string` and no type is inferred.
const agent = {
  type: 'string',
  default: '{{ agent.id }}',
  description: "Agent whose b+s Connects carries it out (`getChannel().agentId`); default the event's agent.",
} as const;
const channelId = {
  type: 'string',
  minLength: 1,
  description:
    'Channel id (`voice`, `voice_<peripheral>`, `voice_-1`, `telephony`); default the `channelId` option.',
} as const;

/** Requests of the b+s Integration API, as actions carried out by the agent's bridge. */
export const bsConnectsActions = {
  createSession: {
    description: 'Open a Dynamics 365 session from a session template (`createSession`).',
    params: {
      type: 'object',
      required: ['template'],
      properties: {
        template: { type: 'string', minLength: 1, description: 'Session template name.' },
        parameters: {
          type: 'object',
          default: {},
          description: 'Template parameters; values may be templates.',
        },
        agent,
      },
      additionalProperties: false,
    },
  },
  setAgentState: {
    description: "Set the agent's state with a reason code (`setAgentState`).",
    params: {
      type: 'object',
      required: ['state'],
      properties: {
        state: { enum: ['Ready', 'NotReady', 'Logout'] },
        reasonCode: {
          type: ['string', 'integer'],
          description: 'NotReady/Logout reason code id (or its label); checked against `getReasonCodeList`.',
        },
        channelId,
        agent,
      },
      additionalProperties: false,
    },
  },
  dial: {
    description: 'Place a call, or a consultation call when the agent is on a call (`dialOrConsult`).',
    answers: true,
    params: {
      type: 'object',
      required: ['phoneNumber'],
      properties: { phoneNumber: { type: 'string', minLength: 1 }, channelId, agent },
      additionalProperties: false,
    },
  },
  notification: {
    description:
      'Show the agent a message: `info`/`success` → `showInfo` (60 characters at most), `warning`/`error` → `showError`.',
    params: {
      type: 'object',
      required: ['body'],
      properties: {
        type: { enum: ['info', 'success', 'warning', 'error'], default: 'info' },
        title: { type: 'string', default: '' },
        body: { type: 'string', minLength: 1 },
        agent,
      },
      additionalProperties: false,
    },
  },
  // Core's `log`, carried out in the agent's b+s log: the same params, plus the agent.
  log: {
    ...coreActionSpecs.log,
    description:
      "Write into the agent's b+s Connects log (`writeLog`: debug/info → Debug, warn/error → Error); the daemon log when the agent has no bridge.",
    params: {
      ...coreActionSpecs.log.params,
      properties: { ...coreActionSpecs.log.params.properties, agent },
    },
  },
} as const satisfies ActionSpecs;

export type BsConnectsAction = keyof typeof bsConnectsActions;

/** The rendered params of an action, typed by its schema: `BsConnectsParams<'dial'>`. */
export type BsConnectsParams<K extends BsConnectsAction> = ParamsOf<(typeof bsConnectsActions)[K]>;
