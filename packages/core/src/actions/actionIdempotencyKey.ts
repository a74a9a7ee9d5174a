import { createHash } from 'node:crypto';

/**
 * The idempotency key of one action of one rule for one event: a UUID (version 8, RFC 9562) hashed from
 * the event's source and id, the rule and the action's position. Event ids are stable across
 * re-delivery, so a retry, a replay or the same event after a restart carries the same key, and no
 * call data shows in it.
 */
export function actionIdempotencyKey(source: string, eventId: string, rule: string, index: number): string {
  const hash = createHash('sha256').update(`${source}\u0000${eventId}\u0000${rule}\u0000${index}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80; // version 8: custom
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
