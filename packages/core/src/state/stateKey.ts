import { createHash } from 'node:crypto';

/** Longest part of a key kept as is; longer ones (vendor ids can be long) are stored by their hash. */
const maxPart = 200;

/**
 * A part of a state key made from outside data (an event id, a call id): kept when short, else `h:` and
 * its SHA-256 in base64url, so keys stay within every backend's limits and one id always gives one key.
 */
export function keyPart(value: string): string {
  if (value.length <= maxPart) return value;
  return `h:${createHash('sha256').update(value).digest('base64url')}`;
}
