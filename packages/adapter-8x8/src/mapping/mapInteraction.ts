import type { EventInput, MappingContext } from '@switchboard/core';
import type { SapiEvent } from '../transport/sapi/SapiEvent.js';
import { flattenAttachedData } from './attachedData.js';
import type { SapiMappingState } from './EndedInteractions.js';
import { interactionCall } from './interactionCall.js';
import { interactionDirection, interactionType } from './interactionTypes.js';
import { sapiEventId, sapiEventTime, sapiVendorEvent } from './sapiEventMeta.js';
import { text } from './values.js';

/** The id of an interaction's one `call.ended`, whichever leg's `InteractionDeleted` brings it. */
export const interactionEndedId = (interactionGUID: string): string => `sapi:${interactionGUID}:ended`;

/**
 * A SAPI `Interaction` → one normalized event: its type from `event`/`callState` (see
 * `interactionType`), `interactionGUID` as call id, the attached data as vars. An Interaction without
 * `interactionGUID` cannot be tied to a call and is refused (undefined).
 *
 * A call ends once: `InteractionDeleted` (one per leg) is `call.ended` with the id
 * `sapi:<interactionGUID>:ended`, so core's de-duplication keeps one per call; with `state` (a live
 * subscription), the later legs' are `vendor.event` with their own ids, still `8x8.InteractionDeleted`.
 */
export function mapInteraction(
  event: SapiEvent,
  context: MappingContext,
  state: SapiMappingState = {},
): EventInput | undefined {
  const id = text(event.body.interactionGUID);
  if (!id) return undefined;
  const attached = flattenAttachedData(event.body);
  const direction = interactionDirection(event.body, attached);
  const call = interactionCall(id, event.body, attached, direction);
  const agentId = text(event.body.agentId);
  let type = interactionType(event.body, direction);
  let eventId = sapiEventId(event);
  if (type === 'call.ended') {
    if (state.endedInteractions && !state.endedInteractions.first(id)) type = 'vendor.event';
    else eventId = interactionEndedId(id);
  }
  return {
    id: eventId,
    type,
    vendorEvent: sapiVendorEvent(event),
    time: sapiEventTime(event, 'interactionEventTS', context.now),
    source: context.source,
    call,
    ...(agentId ? { agent: { id: agentId } } : {}),
    vars: attached,
    raw: { [event.type]: event.body },
  };
}
