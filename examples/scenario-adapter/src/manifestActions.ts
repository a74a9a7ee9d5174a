import type { ActionSpec } from '@switchboard/core';

const peer = {
  type: 'string',
  default: '{{ call.peer }}',
  description: "Agent interface; default the event's peer.",
};

/** Agent-desktop actions the simulated desktop understands, with the same params as the real adapters. */
export const desktopActions: Record<string, ActionSpec> = {
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
};
