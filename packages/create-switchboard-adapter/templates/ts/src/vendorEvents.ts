import type { NormalizedEventType } from '@switchboard/core';

/**
 * Vendor event names with a normalized meaning; others pass as `vendor.event`. A `Map`: the key is
 * whatever the server sends, and on a plain object `constructor` would find Object's own members.
 */
export const __vendorCamel__EventTypes: ReadonlyMap<string, NormalizedEventType> = new Map([
  ['ring', 'call.offered'],
  ['answer', 'call.answered'],
  ['hangup', 'call.ended'],
]);

/** What each vendor event means, for the manifest (`on: __vendor__.<name>`) and the README. */
export const __vendorCamel__VendorEvents: Readonly<Record<string, string>> = {
  ring: 'a call rings on an agent (call.offered)',
  answer: 'the agent answered (call.answered)',
  hangup: 'the call ended (call.ended)',
};
