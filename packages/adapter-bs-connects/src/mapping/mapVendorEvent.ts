import { createHash } from 'node:crypto';
import { type EventInput, isRecord, type MappingContext } from '@switchboard/core';
import type { BsConnectsOptions } from '../options.js';
import { type CilEventName, isCilEventName } from '../vendorEvents.js';
import { text } from './CilEventInput.js';
import { mapCilEvent } from './mapCilEvent.js';

/**
 * The manifest's pure mapping, for `rules-runner replay` and rule tests: a recorded payload → normalized
 * events. Accepts the library's event data as logged by a custom integration (`{ "event":
 * "workitemCreate", "agentId": …, … }`, where `workItem…` casing is tolerated) or a bridge message
 * (`{ "name", "data", "id"?, "raisedAt"?, "agentId"? }`). Payloads that are not an Integration API event
 * map to nothing.
 */
export function mapVendorEvent(
  payload: unknown,
  context: MappingContext<Partial<BsConnectsOptions>>,
): readonly EventInput[] {
  if (!isRecord(payload)) return [];
  const envelope = isRecord(payload.data) && typeof payload.name === 'string';
  const data = envelope ? (payload.data as Record<string, unknown>) : payload;
  const name = normalizeName(envelope ? payload.name : data.event);
  if (name === undefined) return [];
  const agentId = text(payload.agentId) ?? text(data.agentId) ?? 'unknown-agent';
  const messageId =
    text(payload.id) ?? createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 24);
  const time = text(payload.raisedAt) ?? context.now.toISOString();
  const queueVariable = text(context.options?.queueVariable);
  const mapped = mapCilEvent(
    { name, data, agent: { id: agentId }, messageId, time },
    queueVariable !== undefined ? { queueVariable } : {},
  );
  return mapped.ok ? [mapped.event] : [];
}

function normalizeName(value: unknown): CilEventName | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.replace(/^workItem/, 'workitem');
  return isCilEventName(name) ? name : undefined;
}
