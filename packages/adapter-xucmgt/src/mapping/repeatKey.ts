import { createHash } from 'node:crypto';
import type { ThirdPartyRequest } from './thirdPartyRequestSchema.js';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** What the POST proved about its sender before the rules ran. */
export interface SenderProof {
  /** A `secret` is set, so the POST carried it as `?key=` (it came from a THIRD_PARTY_URL holder). */
  readonly keyChecked: boolean;
}

/**
 * Pure: what makes two POSTs the same ring for the same agent, so the second one (another browser tab
 * of the agent app, a retried request) can get the first one's answer. The call id (`callDataCallId`,
 * else `userData.SIPCALLID`, else a digest of the whole body: 2016 bodies carry no call id), the user
 * (`agentId`, else `userId`), and a digest of the user's JWT: the answer may carry that token
 * (`passToken`), so it is only ever replayed to a POST that presented the same token.
 *
 * Undefined (never shared) when the POST proves nothing about its sender: no `secret` and no user
 * token. Call and agent ids are no credentials; anyone who can reach the web service could POST them
 * with a caller of their choosing a moment before the agent's browser, and have that answer replayed.
 */
export function repeatKey(body: ThirdPartyRequest, proof: SenderProof): string | undefined {
  const token = typeof body.user.token === 'string' ? body.user.token : '';
  if (!proof.keyChecked && token === '') return undefined;
  const call =
    text(body.callDataCallId) ?? text(body.userData?.SIPCALLID) ?? `body:${sha256(JSON.stringify(body))}`;
  const user = text(body.user.agentId) ?? text(body.user.userId) ?? '-';
  return [call, user, sha256(token)].join('\u0000');
}
