import type { ActionSpec } from '@switchboard/core';

const agent = {
  type: 'string',
  default: '{{ agent.id }}',
  description: "Agent whose b+s Connects carries it out (`getChannel().agentId`); default the event's agent.",
};
const channelId = {
  type: 'string',
  minLength: 1,
  description:
    'Channel id (`voice`, `voice_<peripheral>`, `voice_-1`, `telephony`); default the `channelId` option.',
};

/** Requests of the b+s Integration API, as actions carried out by the agent's bridge. */
export const bsConnectsActions: Record<string, ActionSpec> = {
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
  log: {
    description:
      "Write into the agent's b+s Connects log (`writeLog`: debug/info → Debug, warn/error → Error); the daemon log when the agent has no bridge.",
    params: {
      type: 'object',
      required: ['message'],
      properties: {
        message: { type: 'string' },
        level: { enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
        agent,
      },
      additionalProperties: false,
    },
  },
};
