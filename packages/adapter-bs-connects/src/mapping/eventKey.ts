import { oncePerWorkitemEvents } from '../vendorEvents.js';
import type { CilEventInput } from './CilEventInput.js';

/**
 * The idempotency key of an event. A workitem's create/connect/wrap-up/end is keyed by agent, workitem
 * id and event, so `workitemCreate` raised again on login (call recovery), or by a second tab, is the
 * same event and core fires its rules once. Hold/resume can repeat within a call, so they (and the
 * other events) are keyed by the bridge's message id, which survives a resend after a reconnect.
 */
export function eventKey(input: CilEventInput, workitemId?: string): string {
  const agent = input.agent.id;
  if (workitemId !== undefined && oncePerWorkitemEvents.has(input.name))
    return `${agent}:${workitemId}:${input.name}`;
  if (workitemId !== undefined) return `${agent}:${workitemId}:${input.name}:${input.messageId}`;
  return `${agent}:${input.name}:${input.messageId}`;
}
