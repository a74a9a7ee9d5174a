import type { InstanceContext, OptionsOf } from '@switchboard/core';
import { defaultMapping } from './mapping/defaultMapping.js';
import { agentFields, callFields, mappableEventTypes } from './mapping/eventFields.js';
import type { MappingOptions } from './mapping/mappingOptions.js';
import { mappingSchema } from './mapping/mappingSchema.js';

const secret = { type: 'string', minLength: 16, 'x-secret': true } as const;

/** JSON Schema of an instance's options: validation, defaults and the README's options table. */
export const webhookOptionsSchema = {
  type: 'object',
  required: ['auth'],
  properties: {
    auth: {
      type: 'object',
      description: 'How senders prove who they are: exactly one of `bearer` or `hmac`.',
      properties: {
        bearer: { ...secret, description: 'Token expected in `Authorization: Bearer <token>`.' },
        hmac: {
          type: 'object',
          description: 'HMAC of the raw body, sent in a header (GitHub-style `sha256=<hex>`).',
          required: ['secret'],
          properties: {
            secret: { ...secret, description: 'Shared HMAC key.' },
            header: { type: 'string', default: 'x-signature', description: 'Header carrying the signature.' },
            algorithm: { enum: ['sha256', 'sha512', 'sha1'], default: 'sha256' },
            encoding: { enum: ['hex', 'base64'], default: 'hex' },
            prefix: { type: 'string', default: '', description: 'Text before the digest, e.g. `sha256=`.' },
          },
          additionalProperties: false,
        },
      },
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
    },
    mapping: mappingSchema(mappableEventTypes, callFields.keys(), agentFields.keys(), defaultMapping),
    sync: {
      type: 'boolean',
      default: false,
      description:
        'Wait for the rules and answer 200 with the action outcomes (else 202 once the events are recorded).',
    },
    syncTimeout: {
      type: 'integer',
      minimum: 1,
      maximum: 120_000,
      default: 5000,
      description: 'ms a sync request waits for the rules before answering 202.',
    },
    bodyLimit: {
      type: 'integer',
      minimum: 256,
      maximum: 10 * 1024 * 1024,
      default: 64 * 1024,
      description: 'Largest request body in bytes (413 above it).',
    },
    maxBatch: {
      type: 'integer',
      minimum: 1,
      maximum: 10_000,
      default: 100,
      description: 'Most objects in an array body.',
    },
  },
  additionalProperties: false,
} as const;

/**
 * An instance's options, validated against `webhookOptionsSchema` with its defaults applied. `mapping`
 * is typed by hand (`MappingOptions`): its schema is built from core's event model when the module
 * loads, so no type can be read from it.
 */
export type WebhookOptions = Omit<OptionsOf<typeof webhookOptionsSchema>, 'mapping'> & {
  readonly mapping: MappingOptions;
};

/** What core gives a webhook instance, with its options typed. */
export type WebhookContext = InstanceContext<WebhookOptions>;

/** How senders prove who they are: exactly one of `bearer` or `hmac` (the schema says so). */
export type WebhookAuth = WebhookOptions['auth'];

/** The `hmac` settings, defaults applied. */
export type HmacAuth = NonNullable<WebhookAuth['hmac']>;
