import type { ActionSpecs, ParamsOf } from '@switchboard/core';

// `as const`, like every shared fragment: without it `type` widens to `string` and no type is inferred.
const peer = {
  type: 'string',
  default: '{{ call.peer }}',
  description: "Agent interface, e.g. `SIP/andrea.bianco`; default the event's peer.",
} as const;

/**
 * At most once per event, rule, action and peer (README, "Durability"): a command the daemon emitted but
 * could not see confirmed before a crash is reported (`SWB_ACTION_UNCONFIRMED`), never sent twice.
 * Per event, not per call: xcally-realtime never re-sends an event under a new id, and a rule listening to
 * several events of one call (`ringing` and `up`) means a command for each.
 */
const delivery = { mode: 'once', target: 'peer' } as const;

/** The three commands of xCALLY's template.js, as actions with JSON Schema params. */
export const xcallyActions = {
  wakeup: {
    description: 'Open a URL for the agent: emits `AgentCTI {url, peer, mode}`.',
    delivery,
    params: {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', 'x-template': 'url', description: 'Values in {{ }} are percent-encoded.' },
        mode: { enum: ['new_tab', 'new_window', 'new_frame'], default: 'new_tab' },
        peer,
      },
      additionalProperties: false,
    },
  },
  notification: {
    description: 'Show the agent a message: emits `AgentCTINotification {peer, type, title, body}`.',
    delivery,
    params: {
      type: 'object',
      required: ['body'],
      properties: {
        type: { type: 'string', default: 'info', description: 'e.g. info, success, warning, error.' },
        // Plain text: the xCALLY docs give no markup for these, and HTML-escaping would show `&amp;`
        // to the agent (README, "Text in notifications").
        title: { type: 'string', default: '', 'x-template': 'text' },
        body: { type: 'string', 'x-template': 'text' },
        peer,
      },
      additionalProperties: false,
    },
  },
  pushevent: {
    description:
      "Put an entry into the supervisors' realtime integration view: emits `RealtimeCTI {type, channel, reference, url}`, channel = the call data and the time.",
    delivery,
    params: {
      type: 'object',
      required: ['type'],
      properties: {
        type: {
          type: 'string',
          minLength: 1,
          description: 'Name of the integration (template.js `appname`).',
        },
        reference: { type: 'string', default: '', description: 'Id of the record created, e.g. a ticket.' },
        url: { type: 'string', 'x-template': 'url', default: '', description: 'Address of the record.' },
      },
      additionalProperties: false,
    },
  },
} as const satisfies ActionSpecs;

export type XcallyAction = keyof typeof xcallyActions;

/** The rendered params of an action, typed by its schema: `XcallyParams<'wakeup'>`. */
export type XcallyParams<K extends XcallyAction> = ParamsOf<(typeof xcallyActions)[K]>;
