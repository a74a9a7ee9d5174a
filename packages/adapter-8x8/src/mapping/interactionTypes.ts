import type { CallDirection, NormalizedEventType } from '@switchboard/core';
import { bool } from './values.js';

/**
 * SAPI `Interaction.event` → normalized type, conservatively: only events whose meaning is clear for
 * the call map to a `call.*` type; every other (and an Interaction without `event`) passes through as
 * `vendor.event`, still matched by `on: 8x8.<event>`. The README shows this table.
 */
export function interactionType(
  body: Readonly<Record<string, unknown>>,
  direction: CallDirection | undefined,
): NormalizedEventType {
  const event = typeof body.event === 'string' ? body.event : '';
  const state = typeof body.callState === 'string' ? body.callState : '';
  switch (event) {
    case 'InteractionCreated':
      return direction === 'outbound' ? 'call.outbound' : 'vendor.event';
    case 'InteractionAssigned':
      return direction === 'outbound' ? 'vendor.event' : 'call.offered';
    case 'InteractionAccepted':
      // Inbound: the agent took the call (CS_CONNECTED). Outbound: still ringing at the customer.
      return state === 'CS_CONNECTED' ? 'call.answered' : 'vendor.event';
    case 'InteractionCustomerAccepted':
      return 'call.answered';
    case 'LineHoldStatus':
    case 'InteractionLineHoldStatus':
      return bool(body.status) === true || state === 'CS_HOLD' ? 'call.held' : 'call.resumed';
    case 'InteractionPostProcess':
      return 'call.wrapup';
    case 'InteractionDeleted':
      return 'call.ended';
    default:
      return 'vendor.event';
  }
}

/** SAPI `direction` (`in`/`out`), else the attached `queueDirection`. */
export function interactionDirection(
  body: Readonly<Record<string, unknown>>,
  attached: Readonly<Record<string, unknown>>,
): CallDirection | undefined {
  const raw = body.direction ?? attached.queueDirection;
  if (raw === 'in' || raw === 'inbound') return 'inbound';
  if (raw === 'out' || raw === 'outbound') return 'outbound';
  return undefined;
}
