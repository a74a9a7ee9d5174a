import type { CallDirection, EventInput, MappingContext, NormalizedEventType } from '@switchboard/core';
import { isRecord } from '@switchboard/core';
import { adapterName } from './sapiEventMeta.js';
import { compact, text } from './values.js';

/** Where a Maestro message came from and which call it belongs to (decided by the caller). */
export interface MaestroContext extends MappingContext {
  /** The agent whose browser bridge forwarded it. */
  readonly agentId?: string;
  /** Call id; default `maestro:<media>:<searchContext>`. */
  readonly callId?: string;
}

const mediaNames: Readonly<Record<string, string>> = { phone: 'voice' };

/**
 * Maestro `eventName` → normalized type. `completed` (the call is over, wrap-up runs) is `call.wrapup`
 * and `terminated` (after wrap-up) is `call.ended`, so a call ends once whatever its media.
 */
export function maestroType(eventName: string, direction: CallDirection | undefined): NormalizedEventType {
  switch (eventName) {
    case 'offered':
      return direction === 'outbound' ? 'call.outbound' : 'call.offered';
    case 'accepted':
      return 'call.answered';
    case 'completed':
      return 'call.wrapup';
    case 'terminated':
      return 'call.ended';
    default:
      return 'vendor.event';
  }
}

/** `'00:00:22'` or `'22'` → 22. */
export function durationSeconds(value: unknown): number | undefined {
  const t = text(value);
  if (!t) return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const parts = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})$/.exec(t);
  if (!parts) return undefined;
  return Number(parts[1] ?? 0) * 3600 + Number(parts[2]) * 60 + Number(parts[3]);
}

const part = (value: string | undefined): string => encodeURIComponent(value ?? '');

/**
 * The event id of a Maestro message: `maestro:<agentId>:<eventName>:<eventId>` (parts URI-encoded).
 * The copies that several tabs of one agent forward share it (core keeps one); the messages of one
 * interaction, and the same `eventId` from another agent, do not.
 */
export function maestroEventId(agentId: string | undefined, eventName: string, eventId: string): string {
  return `maestro:${part(agentId)}:${part(eventName)}:${part(eventId)}`;
}

/** The id of a call an agent's `offered` (with this `eventId`) started: `maestro:<agentId>:<eventId>`. */
export function maestroCallId(agentId: string, eventId: string): string {
  return `maestro:${part(agentId)}:${part(eventId)}`;
}

/** The default call id of a Maestro message: its media and the other party (`searchContext`). */
export function maestroCallKey(data: Readonly<Record<string, unknown>>): string {
  return `maestro:${text(data.media) ?? '?'}:${text(data.searchContext) ?? '?'}`;
}

/**
 * A Maestro success message (already validated) → one normalized event: `maestroEventId` as id (the
 * same message forwarded twice fires once), the other party from `searchContext` by direction, the agent of
 * the bridge, `callDuration` as talk time, other fields and `additionalData` as vars. Pure.
 */
export function mapMaestroEnvelope(
  envelope: Readonly<Record<string, unknown>>,
  context: MaestroContext,
): EventInput | undefined {
  const data = isRecord(envelope.data) ? envelope.data : undefined;
  const eventName = text(data?.eventName);
  const eventId = text(data?.eventId);
  if (!data || !eventName || !eventId) return undefined;
  const direction: CallDirection | undefined =
    data.direction === 'inbound' || data.direction === 'outbound' ? data.direction : undefined;
  const other = text(data.searchContext);
  const media = text(data.media);
  const { additionalData, eventName: _n, method: _m, schemaVersion: _s, ...rest } = data;
  return {
    id: maestroEventId(context.agentId, eventName, eventId),
    type: maestroType(eventName, direction),
    vendorEvent: `${adapterName}.${eventName}`,
    time: context.now.toISOString(),
    source: context.source,
    call: compact({
      id: context.callId ?? maestroCallKey(data),
      direction,
      caller: direction === 'outbound' ? undefined : other,
      callee: direction === 'outbound' ? other : undefined,
      agent: context.agentId,
      media: media ? (mediaNames[media] ?? media) : undefined,
      talkSeconds: durationSeconds(data.callDuration),
    }),
    ...(context.agentId ? { agent: { id: context.agentId } } : {}),
    vars: { ...rest, ...(isRecord(additionalData) ? additionalData : {}) },
    raw: envelope,
  };
}
