import type { EventInput, MappingContext } from '@switchboard/core';
import { heartbeatEventType, type SapiEvent } from '../transport/sapi/SapiEvent.js';
import type { SapiMappingState } from './EndedInteractions.js';
import { mapAgentProvisioning, mapAgentStatus } from './mapAgentEvents.js';
import { mapInteraction } from './mapInteraction.js';
import { sapiEventId, sapiEventTime, sapiVendorEvent } from './sapiEventMeta.js';

export type SapiMapping =
  | { readonly ok: true; readonly events: readonly EventInput[] }
  | { readonly ok: false; readonly reason: string };

type Mapper = (event: SapiEvent, context: MappingContext, state: SapiMappingState) => EventInput | undefined;

const mappers: Readonly<Record<string, Mapper>> = {
  Interaction: mapInteraction,
  AgentStatusChange: mapAgentStatus,
  AgentProvChange: mapAgentProvisioning,
};

const requiredField: Readonly<Record<string, string>> = {
  Interaction: 'interactionGUID',
  AgentStatusChange: 'agentId',
  AgentProvChange: 'agentId',
};

/**
 * A decoded SAPI event → normalized events. `ClientCheck` heartbeats give none; an event class this
 * adapter does not know passes through as `vendor.event` (`on: 8x8.<Class>`). Pure, except for what a
 * live subscription passes in `state` to remember (which interactions already ended).
 */
export function mapSapiEvent(
  event: SapiEvent,
  context: MappingContext,
  state: SapiMappingState = {},
): SapiMapping {
  if (event.type === heartbeatEventType) return { ok: true, events: [] };
  const mapper = mappers[event.type];
  if (!mapper) {
    return {
      ok: true,
      events: [
        {
          id: sapiEventId(event),
          type: 'vendor.event',
          vendorEvent: sapiVendorEvent(event),
          time: sapiEventTime(event, 'eventTS', context.now),
          source: context.source,
          vars: {},
          raw: { [event.type]: event.body },
        },
      ],
    };
  }
  const mapped = mapper(event, context, state);
  if (!mapped) return { ok: false, reason: `${event.type} without ${requiredField[event.type]}` };
  return { ok: true, events: [mapped] };
}
