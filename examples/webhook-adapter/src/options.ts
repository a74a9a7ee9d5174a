import { agentFields, callFields, mappableEventTypes } from '../mapping/eventFields.js';
import { defaultMapping } from './defaultMapping.js';
import { mappingSchema } from './mappingSchema.js';

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
      description: 'Wait for the rules and answer 200 with the action outcomes (else 202 at once).',
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
