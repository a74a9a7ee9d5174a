import type { InstanceContext, OptionsOf } from '@switchboard/core';

/** JSON Schema of the options: the single source for validation, defaults, types and the README's table. */
export const bsConnectsOptionsSchema = {
  type: 'object',
  required: ['key', 'origins'],
  properties: {
    key: {
      type: 'string',
      minLength: 16,
      'x-secret': true,
      description:
        'Bridge key: a random secret of at least 16 characters, also written into the bridge web resource. Read it from the environment (`${BS_BRIDGE_KEY}`).',
    },
    origins: {
      anyOf: [
        { const: '*' },
        { type: 'array', items: { type: 'string', pattern: '^https?://[^/]+$' }, minItems: 1 },
      ],
      description:
        'Browser origins allowed to connect (the Dynamics 365 host), e.g. `["https://contoso.crm4.dynamics.com"]`. Required: `"*"` (any origin) only when written explicitly. Not authentication: non-browser clients send any origin they like.',
    },
    channelId: {
      type: 'string',
      minLength: 1,
      default: 'voice',
      description: 'Channel id for `setAgentState`, `dialOrConsult` and `getReasonCodeList`.',
    },
    requestTimeoutMs: {
      type: 'integer',
      minimum: 100,
      maximum: 60000,
      default: 5000,
      description:
        'Milliseconds a bridge has to answer a request before the action fails; also how long a tab gives `dialOrConsult` for a `beforeDial` before it dials the original number.',
    },
    beforeDialTimeoutMs: {
      type: 'integer',
      minimum: 100,
      maximum: 30000,
      default: 4000,
      description:
        'Milliseconds a `beforeDial` waits for a rule to `dial`; after that the bridge dials the original number.',
    },
    reconnectWaitMs: {
      type: 'integer',
      minimum: 0,
      maximum: 60000,
      default: 8000,
      description:
        "After a restart, how long an action of an event cut off by the stop (run again at start-up) waits for the agent's bridge to reconnect before it fails `BS_NO_BRIDGE`. Keep it below the action's `timeout` (10 s by default).",
    },
    checkReasonCodes: {
      type: 'boolean',
      default: true,
      description: "Check `setAgentState` reason codes against the agent's `getReasonCodeList` first.",
    },
    queueVariable: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      default: 'queue',
      description:
        "The call variable (key of the workitem's `ctiData`) that holds the queue name, mapped to `call.queue`. b+s documents no queue field on the workitem: the call variables are the contact center's (for WxCC, ask its administrator).",
    },
  },
  additionalProperties: false,
} as const;

/** An instance's options (`adapters.<instance>.options`), validated with the schema's defaults applied. */
export type BsConnectsOptions = OptionsOf<typeof bsConnectsOptionsSchema>;

/** What core gives a b+s Connects instance, with its options typed. */
export type BsConnectsContext = InstanceContext<BsConnectsOptions>;
