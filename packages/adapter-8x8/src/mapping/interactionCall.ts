import type { CallDirection, CallInfo } from '@switchboard/core';
import { compact, num, text } from './values.js';

const mediaNames: Readonly<Record<string, string>> = { phone: 'voice', voicemail: 'voicemail' };
const resourceTypes: Readonly<Record<number, string>> = {
  0: 'voice',
  1: 'email',
  2: 'chat',
  3: 'sms',
  4: 'video',
};

/** The normalized media: `phone` → `voice`; else SAPI's `mediaType`, else from `resourceType`. */
export function interactionMedia(body: Readonly<Record<string, unknown>>): string | undefined {
  const media = text(body.mediaType);
  if (media) return mediaNames[media] ?? media;
  const code = num(body.resourceType);
  return code === undefined ? undefined : resourceTypes[code];
}

/** Talk time in seconds: `callDurationSec`, else hang-up minus answer time (both in ms). */
function talkSeconds(attached: Readonly<Record<string, unknown>>): number | undefined {
  const direct = num(attached.callDurationSec);
  if (direct !== undefined && direct >= 0) return direct;
  const answered = num(attached.callAnsweredTime);
  const hangup = num(attached.callHangupTime);
  if (answered === undefined || hangup === undefined || hangup < answered || answered <= 0) return undefined;
  return Math.round((hangup - answered) / 1000);
}

const nonNegative = (n: number | undefined): number | undefined =>
  n !== undefined && n >= 0 ? n : undefined;

/**
 * The call of an Interaction: `interactionGUID` as id, the queue by name (attached `tenantSkillName`,
 * else `channelName`, else SAPI's `queueId`), caller and callee by direction, the agent, media and
 * timings in seconds.
 */
export function interactionCall(
  id: string,
  body: Readonly<Record<string, unknown>>,
  attached: Readonly<Record<string, unknown>>,
  direction: CallDirection | undefined,
): CallInfo {
  const remote = text(attached.remotePhoneNum) ?? text(attached.phoneNum) ?? text(attached.pho);
  const remoteName = text(attached.remoteCallingName) ?? text(attached.callingName);
  const channel = text(body.inboundChannelid);
  const dialled = channel && channel !== 'N/A' && channel !== '0' ? channel : undefined;
  return compact<CallInfo>({
    id,
    direction,
    queue: text(attached.tenantSkillName) ?? text(attached.channelName) ?? text(body.queueId),
    caller: direction === 'outbound' ? undefined : remote,
    callerName: direction === 'outbound' ? undefined : remoteName,
    callee: direction === 'outbound' ? remote : dialled,
    agent: text(body.agentId),
    media: interactionMedia(body),
    state: text(body.callState),
    holdSeconds: nonNegative(num(attached.waitTime)),
    talkSeconds: talkSeconds(attached),
  });
}
