import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

/**
 * A stable id for a body that has no id of its own: a SHA-256 of its canonical JSON (keys sorted), so the
 * same body delivered twice, in any key order, gets the same id and fires its rules once.
 */
export function bodyId(body: unknown): string {
  const canonical = stringify(body) ?? 'undefined';
  return `sha256-${createHash('sha256').update(canonical).digest('base64url')}`;
}
