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
