import type { EventInput, MappingContext } from '@switchboard/core';
import type { SapiEvent } from '../sapi/SapiEvent.js';
import { flattenAttachedData } from './attachedData.js';
import { interactionCall } from './interactionCall.js';
import { interactionDirection, interactionType } from './interactionTypes.js';
import { sapiEventId, sapiEventTime, sapiVendorEvent } from './sapiEventMeta.js';
import { text } from './values.js';

/**
 * A SAPI `Interaction` → one normalized event: its type from `event`/`callState` (see
 * `interactionType`), `interactionGUID` as call id, the attached data as vars. An Interaction without
 * `interactionGUID` cannot be tied to a call and is refused (undefined).
 */
export function mapInteraction(event: SapiEvent, context: MappingContext): EventInput | undefined {
  const id = text(event.body.interactionGUID);
  if (!id) return undefined;
  const attached = flattenAttachedData(event.body);
  const direction = interactionDirection(event.body, attached);
  const call = interactionCall(id, event.body, attached, direction);
  const agentId = text(event.body.agentId);
  return {
    id: sapiEventId(event),
    type: interactionType(event.body, direction),
    vendorEvent: sapiVendorEvent(event),
    time: sapiEventTime(event, 'interactionEventTS', context.now),
    source: context.source,
    call,
    ...(agentId ? { agent: { id: agentId } } : {}),
    vars: attached,
    raw: { [event.type]: event.body },
  };
}
