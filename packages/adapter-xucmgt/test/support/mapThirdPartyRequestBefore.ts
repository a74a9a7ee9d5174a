// The mapping as it was before it was rewritten to build the event in one pass: the reference the
// property test compares the rewrite with (the same event, keys in the same order, for any body).
import { createHash } from 'node:crypto';
import type { AgentInfo, CallInfo, EventInput, Vars } from '@switchboard/core';
import {
  type MappedThirdPartyRequest,
  type ThirdPartyMappingContext,
  withheldToken,
} from '../../src/mapping/mapThirdPartyRequest.js';
import type { ThirdPartyRequest } from '../../src/mapping/thirdPartyRequestSchema.js';
import { thirdPartyVendorEvent } from '../../src/vendorEvents.js';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * Pure mapping of one XucMgt web-service POST (any documented version) to a normalized `call.offered`
 * event. The call id is `callDataCallId` (2017+), else `userData.SIPCALLID` (2024+), else a digest of the
 * request (2016 bodies carry no call id). Each POST is its own event: it needs its own answer.
 */
export function mapThirdPartyRequestBefore(
  body: ThirdPartyRequest,
  context: ThirdPartyMappingContext,
): MappedThirdPartyRequest {
  const { token, ...user } = body.user;
  const raw = token === undefined ? body : { ...body, user: { ...user, token: withheldToken } };
  const userData = body.userData ?? {};
  const queue = body.queue ?? undefined;
  const callId =
    text(body.callDataCallId) ?? text(userData.SIPCALLID) ?? `xucmgt-${digest(raw, context.now)}`;
  const agentId = text(user.agentId) ?? text(user.userId);
  const fullName = user.fullName ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || undefined);

  const call: CallInfo = compact({
    id: callId,
    direction: queue?.name !== undefined ? 'inbound' : undefined,
    queue: queue?.name,
    caller: text(body.caller),
    callee: text(body.callee),
    agent: agentId,
  });
  const agent: AgentInfo | undefined =
    agentId === undefined ? undefined : compact({ id: agentId, name: fullName });
  const vars: Vars = compact({
    ...userData,
    callDataCallId: text(body.callDataCallId),
    queueId: text(queue?.id),
    queueDisplayName: queue?.displayName,
    queueNumber: text(queue?.number),
    userId: text(user.userId),
    agentId: text(user.agentId),
    userFullName: fullName,
  });
  const requestKey = context.requestId ?? String(context.now.getTime());
  const event: EventInput = {
    id: `xucmgt:${callId}:${agentId ?? '-'}:${requestKey}`,
    type: 'call.offered',
    vendorEvent: thirdPartyVendorEvent,
    time: context.now.toISOString(),
    call,
    ...(agent ? { agent } : {}),
    vars,
    raw,
  };
  return { event, userToken: token };
}

function digest(raw: unknown, now: Date): string {
  return createHash('sha256')
    .update(JSON.stringify(raw))
    .update(String(now.getTime()))
    .digest('hex')
    .slice(0, 16);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
