import type { SapiEvent } from '../transport/sapi/SapiEvent.js';
import { contentHash } from './contentHash.js';
import { isoFromMillis, isoFromSeconds } from './values.js';

/** The manifest name: rules write `on: 8x8.<vendorEvent>`. */
export const adapterName = '8x8';

/**
 * The idempotency key of a SAPI event: its `msgInfo` (instance, sequence, publish time), so a replayed
 * event gets the id it had the first time. Without `msgInfo`, a hash of the event's content.
 */
export function sapiEventId(event: SapiEvent): string {
  const info = event.msgInfo;
  if (info) return `sapi:${info.instanceId}:${info.sequenceId}:${info.timestamp}`;
  return `sapi:content:${contentHash([event.type, event.body])}`;
}

/** When it happened: the event's own seconds field, else 8x8's publish time (ms), else now. */
export function sapiEventTime(event: SapiEvent, secondsField: string, now: Date): string {
  return (
    isoFromSeconds(event.body[secondsField]) ?? isoFromMillis(event.msgInfo?.timestamp) ?? now.toISOString()
  );
}

/** `8x8.<name>`: the body's `event` (e.g. `InteractionAccepted`) when it is a plain name, else the class. */
export function sapiVendorEvent(event: SapiEvent): string {
  const name = event.body.event;
  return `${adapterName}.${typeof name === 'string' && /^[A-Za-z0-9_-]+$/.test(name) ? name : event.type}`;
}
