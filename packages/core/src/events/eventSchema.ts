import { normalizedEventTypes } from './NormalizedEvent.js';

const seconds = { type: 'number', minimum: 0 } as const;

export const callSchema = {
  $id: 'https://switchboard.dev/schemas/call.schema.json',
  title: 'Call',
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', minLength: 1, description: 'Stable across every event of one call.' },
    direction: { enum: ['inbound', 'outbound', 'internal'] },
    queue: { type: 'string' },
    caller: { type: 'string' },
    callerName: { type: 'string' },
    callee: { type: 'string' },
    agent: { type: 'string' },
    peer: { type: 'string' },
    media: { type: 'string' },
    state: { type: 'string' },
    ringSeconds: seconds,
    holdSeconds: seconds,
    talkSeconds: seconds,
  },
  additionalProperties: false,
} as const;

export const agentSchema = {
  $id: 'https://switchboard.dev/schemas/agent.schema.json',
  title: 'Agent',
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string' },
    peer: { type: 'string' },
    extension: { type: 'string' },
    state: { type: 'string' },
    reason: { type: 'string' },
  },
  additionalProperties: false,
} as const;

/** JSON Schema of a normalized event; published as `schemas/event.schema.json`. */
export const eventSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://switchboard.dev/schemas/event.schema.json',
  title: 'Switchboard normalized event',
  type: 'object',
  required: ['id', 'type', 'time', 'source', 'vars'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 512, description: 'Idempotency key.' },
    type: { enum: [...normalizedEventTypes] },
    vendorEvent: { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.[^\\s]+$' },
    time: { type: 'string', format: 'date-time' },
    source: { type: 'string', minLength: 1 },
    call: { $ref: 'https://switchboard.dev/schemas/call.schema.json' },
    agent: { $ref: 'https://switchboard.dev/schemas/agent.schema.json' },
    vars: { type: 'object' },
    raw: {},
  },
  additionalProperties: false,
} as const;
