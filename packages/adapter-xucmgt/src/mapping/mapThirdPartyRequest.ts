import { createHash } from 'node:crypto';
import type { CallInfo, EventInput, Vars } from '@switchboard/core';
import { thirdPartyVendorEvent } from '../vendorEvents.js';
import type { ThirdPartyRequest } from './thirdPartyRequestSchema.js';

/** What replaces `user.token` in `raw`, so the JWT never travels with the event. */
export const withheldToken = '[withheld]';

export interface ThirdPartyMappingContext {
  /** Now, as the runtime's clock sees it. */
  readonly now: Date;
  /** Tells apart two POSTs of the same call by the same user (two browser tabs, a second ring). */
  readonly requestId?: string;
}

export interface MappedThirdPartyRequest {
  /** The `call.offered` event; it holds no trace of the user's JWT. */
  readonly event: EventInput;
  /** The JWT of the 2024+ request (`user.token`), kept apart from the event. */
  readonly userToken: string | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * Pure mapping of one XucMgt web-service POST (any documented version) to a normalized `call.offered`
 * event. The call id is `callDataCallId` (2017+), else `userData.SIPCALLID` (2024+), else a digest of the
 * request (2016 bodies carry no call id). Each POST is its own event: it needs its own answer.
 *
 * Built in one pass, field by field (it runs for every POST): no intermediate objects or spreads.
 */
export function mapThirdPartyRequest(
  body: ThirdPartyRequest,
  context: ThirdPartyMappingContext,
): MappedThirdPartyRequest {
  const user = body.user;
  const token = user.token;
  const raw = token === undefined ? body : withheldRaw(body);
  const userData = body.userData ?? undefined;
  const queue = body.queue ?? undefined;
  const callDataCallId = text(body.callDataCallId);
  const callId = callDataCallId ?? text(userData?.SIPCALLID) ?? `xucmgt-${digest(raw, context.now)}`;
  const userId = text(user.userId);
  const userAgentId = text(user.agentId);
  const agentId = userAgentId ?? userId;
  const fullName = user.fullName ?? nameOf(user.firstName, user.lastName);
  const queueName = queue?.name;

  const call: CallInfo = { id: callId };
  if (queueName !== undefined) {
    call.direction = 'inbound';
    call.queue = queueName;
  }
  const caller = text(body.caller);
  if (caller !== undefined) call.caller = caller;
  const callee = text(body.callee);
  if (callee !== undefined) call.callee = callee;
  if (agentId !== undefined) call.agent = agentId;

  // The request's own user data first, then what the mapping adds (which wins, as a missing one removes).
  const vars: Vars = {};
  if (userData) {
    for (const key in userData) {
      if (!Object.hasOwn(userData, key)) continue;
      const value = userData[key];
      if (value !== undefined) put(vars, key, value);
    }
  }
  keep(vars, 'callDataCallId', callDataCallId);
  keep(vars, 'queueId', text(queue?.id));
  keep(vars, 'queueDisplayName', queue?.displayName);
  keep(vars, 'queueNumber', text(queue?.number));
  keep(vars, 'userId', userId);
  keep(vars, 'agentId', userAgentId);
  keep(vars, 'userFullName', fullName);

  const event: EventInput = {
    id: `xucmgt:${callId}:${agentId ?? '-'}:${context.requestId ?? String(context.now.getTime())}`,
    type: 'call.offered',
    vendorEvent: thirdPartyVendorEvent,
    time: context.now.toISOString(),
    call,
  };
  if (agentId !== undefined)
    event.agent = fullName === undefined ? { id: agentId } : { id: agentId, name: fullName };
  event.vars = vars;
  event.raw = raw;
  return { event, userToken: token };
}

/** The body with `user.token` replaced (the user's other fields first, in their order, then the token). */
function withheldRaw(body: ThirdPartyRequest): ThirdPartyRequest {
  const user: Record<string, unknown> = {};
  for (const key in body.user) {
    if (key !== 'token' && Object.hasOwn(body.user, key)) put(user, key, body.user[key]);
  }
  user.token = withheldToken;
  const raw: Record<string, unknown> = {};
  for (const key in body) {
    if (Object.hasOwn(body, key)) put(raw, key, key === 'user' ? user : body[key]);
  }
  return raw as ThirdPartyRequest;
}

const nameOf = (first: string | undefined, last: string | undefined): string | undefined =>
  first ? (last ? `${first} ${last}` : first) : last || undefined;

/** An own data property, also for a key named `__proto__` (parsed JSON may have one): never a prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Sets a mapped var, or removes one the user data had when the mapping has no value for it. */
function keep(vars: Vars, key: string, value: unknown): void {
  if (value === undefined) delete vars[key];
  else vars[key] = value;
}

function digest(raw: unknown, now: Date): string {
  return createHash('sha256')
    .update(JSON.stringify(raw))
    .update(String(now.getTime()))
    .digest('hex')
    .slice(0, 16);
}
