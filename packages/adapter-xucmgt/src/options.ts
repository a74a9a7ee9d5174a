import type { InstanceContext, OptionsOf } from '@switchboard/core';

/** The one source of truth for the options: validation, defaults and the README's options table. */
export const xucmgtOptionsSchema = {
  type: 'object',
  properties: {
    allowedOrigins: {
      type: 'array',
      items: { type: 'string', pattern: '^(\\*|https?://[^/\\s]+)$' },
      default: [],
      description:
        'Origins of the XucMgt agent application (scheme://host[:port], no path) that may call the web service from the browser. `*` allows any origin; use it only on a closed network. Empty: no browser may call it.',
    },
    allowCredentials: {
      type: 'boolean',
      default: false,
      description: 'Answer with `Access-Control-Allow-Credentials: true` (the agent app sends cookies).',
    },
    allowedHeaders: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z0-9-]+$' },
      default: ['Origin', 'X-Requested-With', 'Content-Type', 'Accept'],
      description: 'Request headers the preflight allows (`Access-Control-Allow-Headers`).',
    },
    answerTimeout: {
      type: 'integer',
      minimum: 50,
      maximum: 30_000,
      default: 3000,
      description:
        'Deadline in ms for the rules to answer a POST (including any `http` lookup before `thirdPartyOpen`). Past it the answer is `{"action":"none"}` and the timeout is logged.',
    },
    bodyLimit: {
      type: 'integer',
      minimum: 1024,
      maximum: 1_048_576,
      default: 32_768,
      description: 'Largest POST body in bytes; a larger one gets 413.',
    },
    paneTtl: {
      type: 'integer',
      minimum: 10,
      maximum: 86_400,
      default: 14_400,
      description: 'Seconds a built-in pane page (`thirdPartyOpen` with `pane:`) stays reachable.',
    },
    repeatWindow: {
      type: 'integer',
      minimum: 0,
      maximum: 300,
      default: 10,
      description:
        "Seconds in which a repeated POST for the same call, agent and user token (a second browser tab, a retried POST) gets the first POST's answer without running the rules again; only for POSTs that prove their sender (`secret` set, or the user's JWT in the request). 0 runs the rules for every POST.",
    },
    secret: {
      type: 'string',
      minLength: 16,
      maxLength: 200,
      pattern: '^[A-Za-z0-9._~-]+$',
      'x-secret': true,
      description:
        'Shared secret every POST must present as the `key` query parameter: set `THIRD_PARTY_URL=<web service URL>?key=<secret>`. At least 16 URL-safe characters (letters, digits, `.` `_` `~` `-`). Unset: anyone who can reach the daemon may call the web service.',
    },
  },
  additionalProperties: false,
} as const;

/** An instance's options, validated against `xucmgtOptionsSchema` with its defaults applied. */
export type XucmgtOptions = OptionsOf<typeof xucmgtOptionsSchema>;

/** What core gives a XucMgt instance, with its options typed. */
export type XucmgtContext = InstanceContext<XucmgtOptions>;
