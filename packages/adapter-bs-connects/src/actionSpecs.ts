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

/**
 * Requests of the b+s Integration API, as actions carried out by the agent's bridge. Their `delivery` says
 * what a restart may do (see the README's Durability): the pop, the notification and the click-to-dial
 * are sent at most once per agent (`once-keyed`: one cut off by a crash is sent again with its key, and the
 * bridge answers a key it has seen with the first answer); setting the state and logging run again.
 */
export const bsConnectsActions = {
  createSession: {
    description: 'Open a Dynamics 365 session from a session template (`createSession`).',
    // Once per call and agent: a call recovered with a new event does not pop again.
    delivery: { mode: 'once-keyed', per: 'call', target: 'agent' },
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
    delivery: 'repeatable',
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
    // On `dial.requested` it answers the waiting beforeDial, which is never run again after a restart (the
    // tab dialed the original number): the marker is written but nothing is ever re-sent.
    delivery: { mode: 'once-keyed', per: 'event', target: 'agent' },
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
    // Once per event: a rule may rightly notify at each hold of a call.
    delivery: { mode: 'once-keyed', per: 'event', target: 'agent' },
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
    delivery: 'repeatable',
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
