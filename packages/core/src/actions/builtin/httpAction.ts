import type { ActionSpec } from '../../contract/ActionSpec.js';
import { fieldNamePattern } from '../../net/httpFieldValue.js';

export const httpActionSpec = {
  description:
    'Call any HTTP endpoint (CRM lookup, interaction logging, record creation). With `save: name` on the action, the JSON reply is stored as `vars.name` for the next actions and later events of the call.',
  // Sent again when its event is run again; `idempotencyKey: true` lets the receiver drop the repeat.
  delivery: 'repeatable',
  params: {
    type: 'object',
    required: ['url'],
    properties: {
      method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'], default: 'GET' },
      url: {
        type: 'string',
        'x-template': 'url',
        description: 'Values in `{{ }}` are encoded for their place.',
      },
      query: {
        type: 'object',
        additionalProperties: { type: ['string', 'number', 'boolean'] },
        description: 'Query parameters added to the URL, each value encoded.',
      },
      headers: {
        type: 'object',
        propertyNames: { pattern: fieldNamePattern },
        additionalProperties: { type: 'string', 'x-template': 'header' },
        description:
          'Values are Latin-1 text without line breaks or control characters; a `{{ }}` value that is not fails the action.',
      },
      body: { description: 'JSON body (an object or array), or a string sent as is.' },
      timeout: {
        type: 'integer',
        minimum: 1,
        maximum: 120_000,
        default: 5000,
        description: 'ms per attempt',
      },
      retries: {
        type: 'integer',
        minimum: 0,
        maximum: 10,
        default: 0,
        description:
          'Further attempts after a network error, a timeout, a 5xx or a 429. POST and PATCH are retried only with `idempotencyKey`.',
      },
      idempotencyKey: {
        type: ['boolean', 'string'],
        pattern: fieldNamePattern,
        default: false,
        description:
          '`true` sends `Idempotency-Key: <key>`, a header name sends the key in that header: the same key on every attempt and every delivery of the event, so the server can drop repeats. Lets `retries` repeat a POST or PATCH. A value set for that header in `headers` is used as the key.',
      },
      retryDelay: {
        type: 'integer',
        minimum: 1,
        maximum: 60_000,
        default: 200,
        description: 'first retry delay, ms',
      },
      okStatus: {
        type: 'array',
        items: { type: 'integer' },
        description:
          'Statuses that count as success besides 2xx (e.g. 404 for a lookup that may find nothing).',
      },
    },
    additionalProperties: false,
  },
} as const satisfies ActionSpec;
