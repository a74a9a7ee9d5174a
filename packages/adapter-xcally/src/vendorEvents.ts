import type { NormalizedEventType } from '@switchboard/core';

/**
 * xCALLY event names with a normalized meaning; others pass as `vendor.event`. A `Map`, because the
 * key is whatever name the server sends: on a plain object `constructor` or `toString` would find
 * Object's own members.
 */
export const xcallyEventTypes: ReadonlyMap<string, NormalizedEventType> = new Map([
  ['ringing', 'call.offered'],
  ['up', 'call.answered'],
  ['hangup', 'call.ended'],
  ['abandon', 'call.abandoned'],
  ['outbound', 'call.outbound'],
]);

/** What each xCALLY event means, for the manifest (`on: xcally.<name>`) and the README. */
export const xcallyVendorEvents: Readonly<Record<string, string>> = {
  ringing: 'a queue call rings on an agent (call.offered)',
  up: 'an agent answered a queue call (call.answered)',
  hangup: "an agent's queue call hung up (call.ended)",
  abandon: 'the caller hung up while queued; no agent fields (call.abandoned)',
  outbound: 'an agent started an outbound call (call.outbound)',
};
