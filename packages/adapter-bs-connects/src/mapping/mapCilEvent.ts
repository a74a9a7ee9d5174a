import type { EventInput } from '@switchboard/core';
import { isWorkitemEvent, type WorkitemEventName } from '../vendorEvents.js';
import type { CilEventInput, CilMapping, CilMappingSettings } from './CilEventInput.js';
import { mapAgentStateChange, mapBeforeDial, mapError } from './mapAgentEvents.js';
import { mapWorkitem } from './mapWorkitem.js';

/** One Integration API event → one normalized event (pure; the bridge transport and `replay` use it). */
export function mapCilEvent(input: CilEventInput, settings: CilMappingSettings = {}): CilMapping<EventInput> {
  if (isWorkitemEvent(input.name))
    return mapWorkitem(input as CilEventInput & { name: WorkitemEventName }, settings);
  switch (input.name) {
    case 'agentStateChange':
      return mapAgentStateChange(input);
    case 'beforeDial':
      return mapBeforeDial(input);
    case 'error':
      return mapError(input);
    default:
      return { ok: false, reason: `unknown Integration API event \`${String(input.name)}\`` };
  }
}
