import { createHash } from 'node:crypto';

/** Longest part of a state key kept as is. */
const maxPartChars = 200;

/**
 * A part of a state key made from vendor data (an interaction GUID, an agent id): kept when short, else
 * `h:` and its SHA-256, so one value always gives one key and keys stay within every backend's limits.
 */
export function stateKeyPart(value: string): string {
  if (value.length <= maxPartChars) return value;
  return `h:${createHash('sha256').update(value).digest('base64url')}`;
}
