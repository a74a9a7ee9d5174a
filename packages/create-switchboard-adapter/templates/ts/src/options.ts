import type { InstanceContext, OptionsOf } from '@switchboard/core';

/** JSON Schema of the options: the single source for validation, defaults, types and the README's table. */
export const __vendorCamel__OptionsSchema = {
  type: 'object',
  required: ['url'],
  properties: {
    url: {
      type: 'string',
      pattern: '^wss?://',
      description: 'Address of the __Vendor__ event stream, e.g. `wss://pbx.example.com/events`.',
    },
    token: {
      type: 'string',
      'x-secret': true,
      description: 'Sent as `Authorization: Bearer <token>` when connecting; never logged.',
    },
    connectTimeoutMs: {
      type: 'integer',
      minimum: 100,
      default: 10_000,
      description: 'Give up one connection attempt after this many ms.',
    },
    reconnect: {
      type: 'object',
      properties: {
        initialMs: { type: 'integer', minimum: 1, default: 500, description: 'First delay.' },
        maxMs: { type: 'integer', minimum: 1, default: 30_000, description: 'Largest delay.' },
      },
      additionalProperties: false,
      default: {},
      description: 'Reconnect backoff (core adds jitter and starts over after a stable connection).',
    },
  },
  additionalProperties: false,
} as const;

/** An instance's options, validated against the schema with its defaults applied. */
export type __Vendor__Options = OptionsOf<typeof __vendorCamel__OptionsSchema>;

/** What core gives an instance, with its options typed. */
export type __Vendor__Context = InstanceContext<__Vendor__Options>;
