import type { ValidateFunction } from 'ajv';
import { SwitchboardError } from '../errors/index.js';
import { closestName } from '../rules/suggest.js';
import { createAjv } from '../schemas/createAjv.js';
import { describeSchemaError } from '../schemas/describeSchemaError.js';
import { mistakes, pointerToPath } from '../yaml/schemaProblems.js';
import { agentSchema, callSchema, eventSchema } from './eventSchema.js';
import { type NormalizedEvent, normalizedEventTypes } from './NormalizedEvent.js';

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (!validator) {
    // Formats (date-time) are not checked on the hot path: adapters stamp `time` with toISOString().
    const ajv = createAjv({ validateFormats: false, verbose: true });
    ajv.addSchema(callSchema);
    ajv.addSchema(agentSchema);
    validator = ajv.compile(eventSchema);
  }
  return validator;
}

/** One thing wrong with an event: where (`call.queu`) and what, with the likely intended name. */
export interface EventProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The problem is the key at `path` (an unknown field), not its value. */
  readonly atKey: boolean;
}

/**
 * Everything wrong with an event, against the normalized event schema, in Switchboard's words: an
 * unknown `type` or field gets the closest known one (`call.answerd` → `call.answered`).
 */
export function eventProblems(event: unknown): EventProblem[] {
  const validate = getValidator();
  if (validate(event)) return [];
  return mistakes(validate.errors ?? []).map((error) => {
    const path = pointerToPath(error.instancePath);
    if (error.instancePath === '/type' && error.keyword === 'enum') {
      const given = (event as { type?: unknown }).type;
      const near = typeof given === 'string' ? closestName(given, normalizedEventTypes) : undefined;
      const hint =
        near === undefined ? ` (types: ${normalizedEventTypes.join(', ')})` : `; did you mean \`${near}\`?`;
      return { path, message: `unknown event type \`${String(given)}\`${hint}`, atKey: false };
    }
    const atKey = error.keyword === 'additionalProperties';
    const at = atKey ? [...path, String(error.params.additionalProperty)] : path;
    return { path: at, message: describeSchemaError(error, 'the event'), atKey };
  });
}

/** Checks an event against the normalized event schema; throws `SWB_EVENT_INVALID` with every problem. */
export function assertValidEvent(event: unknown): asserts event is NormalizedEvent {
  const problems = eventProblems(event);
  if (problems.length > 0) {
    throw new SwitchboardError(
      'SWB_EVENT_INVALID',
      `invalid event: ${problems.map((p) => p.message).join('; ')}`,
    );
  }
}
