import type { EventInput, MappingContext } from '@switchboard/core';
import { isRecord } from '@switchboard/core';
import type { SapiEvent } from '../transport/sapi/SapiEvent.js';
import { sapiEventId, sapiEventTime, sapiVendorEvent } from './sapiEventMeta.js';
import { compact, text } from './values.js';

const noReason = (value: unknown): string | undefined => {
  const t = text(value);
  return t && t !== 'none' ? t : undefined;
};

/** Scalar fields of a body, minus the ones mapped elsewhere. */
function scalars(body: Readonly<Record<string, unknown>>, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (skip.includes(k) || (typeof v === 'object' && v !== null)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * `AgentStatusChange` → `agent.state`: the numeric `newState` as the state (its meaning depends on the
 * tenant's status code lists), the reason code or sub-state reason as reason; every field in vars.
 */
export function mapAgentStatus(event: SapiEvent, context: MappingContext): EventInput | undefined {
  const id = text(event.body.agentId);
  if (!id) return undefined;
  return {
    id: sapiEventId(event),
    type: 'agent.state',
    vendorEvent: sapiVendorEvent(event),
    time: sapiEventTime(event, 'statusEventTS', context.now),
    source: context.source,
    agent: compact({
      id,
      state: text(event.body.newState),
      reason: noReason(event.body.newReasonCodeUser) ?? noReason(event.body.newSubStateReason),
    }),
    vars: scalars(event.body, ['agentId']),
    raw: { [event.type]: event.body },
  };
}

/**
 * `AgentProvChange` → `agent.provisioning`: scalar fields in vars, and the provisioning items as
 * `vars.changes.<key> = { oldValue, newValue }`.
 */
export function mapAgentProvisioning(event: SapiEvent, context: MappingContext): EventInput | undefined {
  const id = text(event.body.agentId);
  if (!id) return undefined;
  const changes: Record<string, unknown> = {};
  const container = event.body.provisioningItems;
  const items = isRecord(container) ? container.provisioningItem : undefined;
  for (const item of Array.isArray(items) ? items : []) {
    const key = isRecord(item) ? text(item.provisioningItemKey) : undefined;
    if (!key || !isRecord(item) || key === '__proto__') continue;
    changes[key] = { oldValue: item.provisioningItemOldValue, newValue: item.provisioningItemNewValue };
  }
  return {
    id: sapiEventId(event),
    type: 'agent.provisioning',
    vendorEvent: sapiVendorEvent(event),
    time: sapiEventTime(event, 'statusEventTS', context.now),
    source: context.source,
    agent: { id },
    vars: { ...scalars(event.body, ['agentId']), changes },
    raw: { [event.type]: event.body },
  };
}
