import type { ActionSpecs, ParamsOf } from '@switchboard/core';

/** When XucMgt opens the pane, as rules write it, and as the agent app expects it. */
export const paneEvents = {
  ringing: 'EventRinging',
  established: 'EventEstablished',
  released: 'EventReleased',
} as const;

export type PaneEvent = keyof typeof paneEvents;

/** `thirdPartyOpen`: the answer to XucMgt's web-service POST. The first matching rule's answer wins. */
export const xucmgtActions = {
  thirdPartyOpen: {
    description:
      "Answer XucMgt's web-service call: `open` a pane (or a `popup`) at `ringing`, `established` or `released` with `url` (or the daemon's built-in `pane`), `title` and `autopause`; `none` opens nothing. No matching rule answers `none`.",
    answers: true,
    // The asker (the agent's browser) is gone after a restart: the rule is not run again for it, and a
    // repeat of the POST gets the stored answer (`repeatWindow`).
    delivery: 'answer',
    params: {
      type: 'object',
      properties: {
        action: { enum: ['open', 'popup', 'none'], default: 'open', description: 'popup: XucMgt 2021.07+.' },
        event: {
          enum: ['ringing', 'established', 'released'],
          default: 'established',
          description: 'When the agent app opens it: EventRinging, EventEstablished or EventReleased.',
        },
        url: {
          type: 'string',
          minLength: 1,
          'x-template': 'url',
          description: 'The page to open; `{{ }}` values are encoded for their place.',
        },
        pane: {
          type: 'object',
          properties: {
            record: {
              description: 'The CRM record to show, e.g. "{{ vars.crm }}" saved by an `http` lookup.',
            },
            fields: {
              type: 'array',
              items: { type: 'string' },
              description: 'Record fields to show, in order (default: every top-level field).',
            },
          },
          additionalProperties: false,
          description:
            "Open the daemon's own pane page: the caller, the queue and the record, with a Done button.",
        },
        title: {
          type: 'string',
          maxLength: 200,
          // Plain text: the XucMgt docs make it the tab's title; HTML-escaping would show `&amp;` there.
          'x-template': 'text',
          description: 'Title of the pane tab; plain text, `{{ }}` values inserted as they are.',
        },
        autopause: {
          type: 'boolean',
          default: false,
          description: 'Pause the agent while the pane is open; ready again when it posts closeThirdParty.',
        },
        passToken: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
            in: { enum: ['query', 'fragment'], default: 'fragment' },
          },
          additionalProperties: false,
          description:
            "Add the user's XiVO JWT (2024+ requests) to `url` as this query or fragment parameter. Off unless set; the token is never logged.",
        },
      },
      additionalProperties: false,
      // open and popup need a page: `url`, or `pane` for the daemon's own page.
      if: { properties: { action: { const: 'none' } }, required: ['action'] },
      else: { anyOf: [{ required: ['url'] }, { required: ['pane'] }] },
    },
  },
} as const satisfies ActionSpecs;

/** The spec of `thirdPartyOpen`, the adapter's one action. */
export const thirdPartyOpenSpec = xucmgtActions.thirdPartyOpen;

export type XucmgtAction = keyof typeof xucmgtActions;

/** An action's params after rendering, as its schema defines them. */
export type XucmgtParams<K extends XucmgtAction> = ParamsOf<(typeof xucmgtActions)[K]>;

/** The params of `thirdPartyOpen` after rendering. */
export type ThirdPartyOpenParams = XucmgtParams<'thirdPartyOpen'>;
