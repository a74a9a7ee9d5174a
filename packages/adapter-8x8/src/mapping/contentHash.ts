import { createHash } from 'node:crypto';

/** A short stable digest of a JSON value: ids for payloads that carry none. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
}
