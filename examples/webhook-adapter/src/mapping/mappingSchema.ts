import { jsonPathPattern } from './jsonPath.js';

const path = {
  type: 'string',
  pattern: jsonPathPattern,
  description: 'A path into the body: `$.a.b`, `$.list[0]`, `$["odd.key"]`.',
};
const scalar = { type: ['string', 'number', 'boolean'] };

/**
 * A field spec: a path (a string starting with `$`), a constant (any other scalar), `{ from, map?, default? }`
 * or `{ value }`. Written with if/then/else rather than anyOf, so a mistake gets one clear message.
 */
export function fieldSpecSchema(constants?: readonly string[]): Record<string, unknown> {
  const constant = constants ? { enum: [...constants] } : scalar;
  const object = {
    type: 'object',
    properties: {
      from: path,
      map: { type: 'object', additionalProperties: constant, description: 'value in the body → value' },
      default: constant,
      value: constant,
    },
    additionalProperties: false,
    minProperties: 1,
    dependencies: { value: { maxProperties: 1 }, map: ['from'], default: ['from'] },
  };
  return {
    type: ['string', 'number', 'boolean', 'object'],
    if: { type: 'string', pattern: '^\\$' },
    // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here
    then: { pattern: jsonPathPattern },
    // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here
    else: { if: { type: 'object' }, then: object, else: constant },
  };
}

const fieldsOf = (names: Iterable<string>, idDescription: string): Record<string, unknown> => ({
  type: 'object',
  required: ['id'],
  properties: Object.fromEntries(
    [...names].map((name) => [
      name,
      name === 'id' ? { ...fieldSpecSchema(), description: idDescription } : fieldSpecSchema(),
    ]),
  ),
  additionalProperties: false,
});

/** JSON Schema of the `mapping` option. */
export function mappingSchema(
  eventTypes: readonly string[],
  callFields: Iterable<string>,
  agentFields: Iterable<string>,
  defaults: unknown,
): Record<string, unknown> {
  return {
    type: 'object',
    description:
      'How a body becomes a normalized event. Default: the body already has `type`, `id`, `call`, `agent`, `vars`.',
    required: ['type'],
    properties: {
      type: { ...fieldSpecSchema(eventTypes), description: 'The normalized event type.' },
      id: { ...path, description: "Path of the body's event id; else a hash of the body." },
      time: { ...path, description: 'Path of the event time (ISO 8601 or epoch ms); else arrival time.' },
      call: fieldsOf(callFields, 'The call id; without it no `call` is attached.'),
      agent: fieldsOf(agentFields, 'The agent id; without it no `agent` is attached.'),
      vars: { type: 'object', additionalProperties: fieldSpecSchema(), description: 'Named vars.' },
      varsFrom: { ...path, description: 'Path of an object whose fields all become vars.' },
      rest: { type: 'boolean', description: 'Body fields no path reads go into vars (default true).' },
    },
    additionalProperties: false,
    default: defaults,
  };
}
