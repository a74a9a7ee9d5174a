import { isRecord } from '@switchboard/core';
import { __vendorCamel__EventTypes } from '../vendorEvents.js';

const eventName = /^[A-Za-z][\w.-]{0,63}$/;

/** A non-empty string of at most 256 characters, else undefined. */
function text(value) {
  return typeof value === 'string' && value !== '' && value.length <= 256 ? value : undefined;
}

/**
 * Pure: one vendor frame → one normalized event, or the reason it cannot be one. The id is built from
 * the frame only (`<adapter>:<event>:<callId>`), so a frame delivered twice fires its rules once.
 * @param {unknown} payload
 * @param {{ adapter: string, source?: string, now: Date }} context
 * @returns {{ ok: true, event: import('@switchboard/core').EventInput } | { ok: false, reason: string, message: string }}
 */
export function map__Vendor__Event(payload, context) {
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
  const event = {
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
