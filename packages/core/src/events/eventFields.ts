import { agentSchema, callSchema } from './eventSchema.js';
import { type NormalizedEventType, normalizedEventTypes } from './NormalizedEvent.js';

/** Which of `call` and `agent` an event of each type can carry (every event has the top-level fields). */
const parts: Readonly<Record<NormalizedEventType, readonly ('call' | 'agent')[]>> = {
  'call.offered': ['call', 'agent'],
  'call.answered': ['call', 'agent'],
  'call.held': ['call', 'agent'],
  'call.resumed': ['call', 'agent'],
  'call.wrapup': ['call', 'agent'],
  'call.ended': ['call', 'agent'],
  'call.abandoned': ['call', 'agent'],
  'call.outbound': ['call', 'agent'],
  'dial.requested': ['call', 'agent'],
  'agent.state': ['agent'],
  'agent.provisioning': ['agent'],
  'adapter.connected': [],
  'adapter.disconnected': [],
  'adapter.error': ['agent'],
  // Copied from the event whose action failed.
  'action.failed': ['call', 'agent'],
  // A vendor event may stand for anything.
  'vendor.event': ['call', 'agent'],
};

const nodeVar = {
  type: 'string',
  description: 'The node that raised the event (set when several nodes share one state, `node.id`).',
} as const;

/** What core puts into `vars` of the events it raises itself (more may be there: `vars` is open). */
const coreVars: Partial<Record<NormalizedEventType, Record<string, unknown>>> = {
  'action.failed': {
    failure: {
      type: 'object',
      description: 'The action that failed.',
      properties: {
        rule: { type: 'string' },
        action: { type: 'string' },
        instance: { type: 'string' },
        error: { type: 'string' },
        code: { type: 'string' },
        eventId: { type: 'string' },
        eventType: { type: 'string' },
      },
    },
    node: nodeVar,
  },
  'adapter.connected': { detail: { type: 'string' }, node: nodeVar },
  'adapter.disconnected': { detail: { type: 'string' }, node: nodeVar },
  'adapter.error': { detail: { type: 'string' }, message: { type: 'string' }, node: nodeVar },
};

/**
 * The field schema of one event type: a JSON Schema of what an event of that type can carry, used to
 * check the paths rules read (`{ var: call.queue }`, `{{ agent.id }}`) before anything runs. `vars`
 * and `raw` are open: custom variables and vendor payloads are legitimately unknown.
 */
export function eventFieldSchema(type: NormalizedEventType) {
  const carried = parts[type];
  return {
    title: `${type} event`,
    type: 'object',
    properties: {
      id: { type: 'string' },
      type: { type: 'string', const: type },
      vendorEvent: { type: 'string' },
      time: { type: 'string' },
      source: { type: 'string' },
      ...(carried.includes('call') ? { call: callSchema } : {}),
      ...(carried.includes('agent') ? { agent: agentSchema } : {}),
      vars: { type: 'object', properties: coreVars[type] ?? {}, additionalProperties: true },
      raw: {},
    },
    additionalProperties: false,
  } as const;
}

export type EventFieldSchema = ReturnType<typeof eventFieldSchema>;

/** Every normalized type's field schema, by type. */
export const eventFieldSchemas: Readonly<Record<NormalizedEventType, EventFieldSchema>> = Object.freeze(
  Object.fromEntries(normalizedEventTypes.map((t) => [t, eventFieldSchema(t)])) as Record<
    NormalizedEventType,
    EventFieldSchema
  >,
);
