import type { ValidateFunction } from 'ajv';
import { SwitchboardError } from '../errors/index.js';
import { createAjv } from '../schemas/createAjv.js';
import { describeAjvErrors } from '../schemas/describeAjvErrors.js';
import { agentSchema, callSchema, eventSchema } from './eventSchema.js';
import type { NormalizedEvent } from './NormalizedEvent.js';

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (!validator) {
    // Formats (date-time) are not checked on the hot path: adapters stamp `time` with toISOString().
    const ajv = createAjv({ validateFormats: false });
    ajv.addSchema(callSchema);
    ajv.addSchema(agentSchema);
    validator = ajv.compile(eventSchema);
  }
  return validator;
}

/** Checks an event against the normalized event schema; throws `SWB_EVENT_INVALID` with every problem. */
export function assertValidEvent(event: unknown): asserts event is NormalizedEvent {
  const validate = getValidator();
  if (!validate(event)) {
    throw new SwitchboardError(
      'SWB_EVENT_INVALID',
      `invalid event: ${describeAjvErrors(validate.errors, 'the event')}`,
    );
  }
}
