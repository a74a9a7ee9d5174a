import { type EventInput, isRecord } from '@switchboard/core';
import { __vendorCamel__EventTypes } from '../vendorEvents.js';

export interface MapContext {
  /** The manifest name: vendor events are `<adapter>.<event>`, e.g. `__vendor__.ring`. */
  readonly adapter: string;
  readonly source?: string;
  readonly now: Date;
}

export type MapResult =
  | { readonly ok: true; readonly event: EventInput }
  | { readonly ok: false; readonly reason: string; readonly message: string };

const eventName = /^[A-Za-z][\w.-]{0,63}$/;

/** A non-empty string of at most 256 characters, else undefined. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= 256 ? value : undefined;
}

/**
 * Pure: one vendor frame → one normalized event, or the reason it cannot be one. The id is built from
 * the frame only (`<adapter>:<event>:<callId>`), so a frame delivered twice fires its rules once.
 */
export function map__Vendor__Event(payload: unknown, context: MapContext): MapResult {
  if (!isRecord(payload))
    return { ok: false, reason: 'not-an-object', message: 'a frame must be a JSON object' };
  const name = payload.event;
  if (typeof name !== 'string' || !eventName.test(name))
    return {
      ok: false,
      reason: 'bad-event',
      message: '`event` must be a name of 1 to 64 letters, digits, _ . -',
    };
  const callId = text(payload.callId);
  if (callId === undefined)
    return { ok: false, reason: 'no-call-id', message: '`callId` must be a non-empty string' };
  const agent = text(payload.agent);
  const caller = text(payload.caller);
  const queue = text(payload.queue);
  const event: EventInput = {
    id: `${context.adapter}:${name}:${callId}`,
    type: __vendorCamel__EventTypes.get(name) ?? 'vendor.event',
    vendorEvent: `${context.adapter}.${name}`,
    time: context.now.toISOString(),
    ...(context.source !== undefined ? { source: context.source } : {}),
    call: {
      id: callId,
      ...(caller !== undefined ? { caller } : {}),
      ...(queue !== undefined ? { queue } : {}),
      ...(agent !== undefined ? { agent } : {}),
    },
    ...(agent !== undefined ? { agent: { id: agent } } : {}),
    raw: payload,
  };
  return { ok: true, event };
}
