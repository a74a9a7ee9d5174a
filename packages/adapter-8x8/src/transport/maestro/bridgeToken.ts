import { createHmac } from 'node:crypto';
import { sameSecret } from '@switchboard/core';

export interface BridgeTokenRequest {
  /** The `maestro.secret` of the instance. */
  readonly secret: string;
  /** The 8x8 agent id the browser belongs to: `dial` actions for this agent go to it. */
  readonly agentId: string;
  /** Lifetime; default 12 hours. */
  readonly expiresInSeconds?: number;
  /** Milliseconds since the epoch; default now. */
  readonly now?: number;
}

const version = 'v1';

const sign = (secret: string, agentId: string, expires: number): string =>
  createHmac('sha256', secret).update(`${version}\n${agentId}\n${expires}`).digest('base64url');

/**
 * A token that lets one agent's browser bridge connect: `v1.<expires>.<HMAC-SHA256(secret, agent,
 * expires)>`. The page's own backend makes it (it knows who is logged in) and hands it to the bridge.
 */
export function createBridgeToken(request: BridgeTokenRequest): string {
  const now = request.now ?? Date.now();
  const expires = Math.floor(now / 1000) + (request.expiresInSeconds ?? 12 * 3600);
  return `${version}.${expires}.${sign(request.secret, request.agentId, expires)}`;
}

/** Whether `token` was made with `secret` for `agentId` and has not expired. */
export function verifyBridgeToken(secret: string, agentId: string, token: string, now = Date.now()): boolean {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== version) return false;
  const expires = Number(parts[1]);
  if (!Number.isSafeInteger(expires) || expires * 1000 <= now) return false;
  return sameSecret(parts[2] ?? '', sign(secret, agentId, expires));
}
