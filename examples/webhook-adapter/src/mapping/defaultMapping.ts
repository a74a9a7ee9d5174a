import { agentFields, callFields } from './eventFields.js';
import type { MappingOptions } from './mappingOptions.js';

const fromObject = (object: string, fields: ReadonlyMap<string, unknown>): Record<string, string> =>
  Object.fromEntries([...fields.keys()].map((name) => [name, `$.${object}.${name}`]));

/**
 * The mapping used when the options give none: the body already speaks Switchboard —
 * `{ "type": "call.offered", "id": "…", "call": { "id": "…", "queue": "Sales" }, "vars": {…}, … }`.
 * A `type` that is not a normalized type becomes `vendor.event` (and `on: webhook.<type>` matches it).
 */
export const defaultMapping: MappingOptions = {
  type: { from: '$.type', default: 'vendor.event' },
  id: '$.id',
  time: '$.time',
  call: fromObject('call', callFields),
  agent: fromObject('agent', agentFields),
  varsFrom: '$.vars',
  rest: true,
};
