import { createHash } from 'node:crypto';
import type { ThirdPartyRequest } from './thirdPartyRequestSchema.js';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Pure: what makes two POSTs the same ring for the same agent, so the second one (another browser tab
 * of the agent app, a retried request) can get the first one's answer. The call id (`callDataCallId`,
 * else `userData.SIPCALLID`, else a digest of the whole body: 2016 bodies carry no call id), the user
 * (`agentId`, else `userId`), and a digest of the user's JWT: the answer may carry that token
 * (`passToken`), so it is only ever replayed to a POST that presented the same token.
 */
export function repeatKey(body: ThirdPartyRequest): string {
  const call =
    text(body.callDataCallId) ?? text(body.userData?.SIPCALLID) ?? `body:${sha256(JSON.stringify(body))}`;
  const user = text(body.user.agentId) ?? text(body.user.userId) ?? '-';
  return [call, user, sha256(body.user.token ?? '')].join('\u0000');
}
