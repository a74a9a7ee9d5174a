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

/** Fields the xCALLY docs describe; every other payload field is a custom variable (`vars`). */
export const documentedFields: ReadonlySet<string> = new Set([
  'event',
  'queue',
  'agentname',
  'agentnum',
  'peer',
  'direction',
  'uniqueid',
  'context',
  'extension',
  'trunk',
  'callernum',
  'callername',
  'holdtime',
  'ringtime',
  'talktime',
  'reason',
  'sipname',
  'channel',
  'integrationid',
  'routeid',
  'unmanaged',
  'customvariables',
]);

/** Payload fields that must be text; a number is converted (and reported), anything else is rejected. */
export const textFields = [
  'queue',
  'agentname',
  'agentnum',
  'peer',
  'direction',
  'callernum',
  'callername',
  'extension',
] as const;

export type TextField = (typeof textFields)[number];

/** Timing fields xCALLY sends as strings of seconds, with the normalized field each becomes. */
export const timingFields = {
  ringtime: 'ringSeconds',
  holdtime: 'holdSeconds',
  talktime: 'talkSeconds',
} as const;
