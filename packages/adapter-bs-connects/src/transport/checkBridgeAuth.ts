import { createHash, timingSafeEqual } from 'node:crypto';
import type { BridgeAuth } from '../protocol/BridgeProtocol.js';

export type BridgeAuthCheck =
  | { readonly ok: true; readonly auth: BridgeAuth }
  | { readonly ok: false; readonly reason: string };

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares two secrets in constant time (over their digests, so the length does not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

const optionalText = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length <= max ? value : undefined;

/**
 * Checks a bridge's `handshake.auth`: the key must equal the instance's key, and the bridge must say
 * which agent it serves, or what keeps it from working (`problem`). Reasons never contain the key.
 */
export function checkBridgeAuth(auth: unknown, key: string): BridgeAuthCheck {
  if (typeof auth !== 'object' || auth === null) return { ok: false, reason: 'no credentials' };
  const given = (auth as Record<string, unknown>).key;
  if (typeof given !== 'string' || given === '') return { ok: false, reason: 'no key' };
  if (!sameSecret(given, key)) return { ok: false, reason: 'wrong key' };
  const version = optionalText((auth as Record<string, unknown>).bridgeVersion, 64);
  const problem = (auth as Record<string, unknown>).problem;
  if (typeof problem === 'string' && problem.trim() !== '') {
    const agentId = optionalText((auth as Record<string, unknown>).agentId, 200) ?? '';
    return {
      ok: true,
      auth: {
        key: '',
        agentId,
        primary: false,
        problem: problem.slice(0, 500),
        ...(version !== undefined ? { bridgeVersion: version } : {}),
      },
    };
  }
  const agentId = (auth as Record<string, unknown>).agentId;
  if (typeof agentId !== 'string' || agentId.trim() === '' || agentId.length > 200)
    return { ok: false, reason: 'no agent id' };
  const rawAgent = (auth as Record<string, unknown>).agent;
  const a = typeof rawAgent === 'object' && rawAgent !== null ? (rawAgent as Record<string, unknown>) : {};
  const agent = {
    firstName: optionalText(a.firstName, 200),
    lastName: optionalText(a.lastName, 200),
    loginName: optionalText(a.loginName, 200),
    extension: optionalText(a.extension, 64),
    teamId: optionalText(a.teamId, 200),
  };
  return {
    ok: true,
    auth: {
      key: '',
      agentId,
      primary: (auth as Record<string, unknown>).primary !== false,
      agent,
      ...(version !== undefined ? { bridgeVersion: version } : {}),
    },
  };
}
