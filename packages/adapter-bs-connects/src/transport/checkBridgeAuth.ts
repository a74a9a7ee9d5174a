import { isRecord, sameSecret } from '@switchboard/core';
import type { BridgeAuth } from './bridgeProtocol.js';

/** Who an authenticated bridge is: what it sent (`BridgeAuth`), checked, without the key. */
export type BsBridgeIdentity = Omit<BridgeAuth, 'key'>;

export type BridgeAuthCheck =
  | { readonly ok: true; readonly identity: BsBridgeIdentity }
  | { readonly ok: false; readonly reason: string };

const optionalText = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length <= max ? value : undefined;

/**
 * Checks a bridge's `handshake.auth`: the key must equal the instance's key, and the bridge must say
 * which agent it serves, or what keeps it from working (`problem`). Reasons never contain the key.
 */
export function checkBridgeAuth(auth: unknown, key: string): BridgeAuthCheck {
  if (!isRecord(auth)) return { ok: false, reason: 'no credentials' };
  const given = auth.key;
  if (typeof given !== 'string' || given === '') return { ok: false, reason: 'no key' };
  if (!sameSecret(given, key)) return { ok: false, reason: 'wrong key' };
  const version = optionalText(auth.bridgeVersion, 64);
  const problem = auth.problem;
  if (typeof problem === 'string' && problem.trim() !== '') {
    return {
      ok: true,
      identity: {
        agentId: optionalText(auth.agentId, 200) ?? '',
        primary: false,
        problem: problem.slice(0, 500),
        ...(version !== undefined ? { bridgeVersion: version } : {}),
      },
    };
  }
  const agentId = auth.agentId;
  if (typeof agentId !== 'string' || agentId.trim() === '' || agentId.length > 200)
    return { ok: false, reason: 'no agent id' };
  const a = isRecord(auth.agent) ? auth.agent : {};
  const agent = {
    firstName: optionalText(a.firstName, 200),
    lastName: optionalText(a.lastName, 200),
    loginName: optionalText(a.loginName, 200),
    extension: optionalText(a.extension, 64),
    teamId: optionalText(a.teamId, 200),
  };
  return {
    ok: true,
    identity: {
      agentId,
      primary: auth.primary !== false,
      agent,
      ...(version !== undefined ? { bridgeVersion: version } : {}),
    },
  };
}
