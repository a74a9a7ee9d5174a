import { createHash } from 'node:crypto';
import type { AgentInfo, CallDirection, CallInfo, EventInput } from '@switchboard/core';
import type { XcallyLimits } from '../options.js';
import { xcallyEventTypes } from '../vendorEvents.js';
import { checkPayload, defaultLimits, type PayloadProblem, type XcallyPayload } from './checkPayload.js';
import { customVariables } from './customVariables.js';
import { readTextFields, readTimings, type TextValues } from './readFields.js';

export interface MapContext {
  /** Manifest name: vendor events are `<adapter>.<event>`, e.g. `xcally.up`. */
  readonly adapter?: string;
  readonly source?: string;
  readonly now: Date;
  readonly limits?: XcallyLimits;
}

export type MapResult =
  | { readonly ok: true; readonly event: EventInput; readonly converted: readonly string[] }
  | { readonly ok: false; readonly problem: PayloadProblem };

const directions: ReadonlySet<string> = new Set(['inbound', 'outbound', 'internal']);

/**
 * Pure xCALLY payload → normalized event. The id is an idempotency key built from the payload only
 * (`xcally:<event>:<uniqueid>:<peer>`), so the same vendor event delivered twice gets the same id and
 * fires its rules once; the raw payload is kept untouched in `raw`. A re-ring of the same member (same
 * uniqueid and peer, after no answer) gets the same id too: no documented field tells rings apart
 * (README, "Re-rings of the same agent").
 */
export function mapXcallyEvent(payload: unknown, context: MapContext): MapResult {
  const problem = checkPayload(payload, context.limits ?? defaultLimits);
  if (problem) return { ok: false, problem };
  const p = payload as XcallyPayload;
  const text = readTextFields(p);
  if ('reason' in text) return { ok: false, problem: text };
  const adapter = context.adapter ?? 'xcally';
  const uniqueid = typeof p.uniqueid === 'string' && p.uniqueid !== '' ? p.uniqueid : undefined;
  const agent = agentOf(text);
  const event: EventInput = {
    id: eventId(p, uniqueid, text),
    type: xcallyEventTypes.get(p.event) ?? 'vendor.event',
    vendorEvent: `${adapter}.${p.event}`,
    time: context.now.toISOString(),
    ...(context.source !== undefined ? { source: context.source } : {}),
    ...(uniqueid !== undefined ? { call: callOf(uniqueid, text, p, agent) } : {}),
    ...(agent !== undefined ? { agent } : {}),
    vars: customVariables(p, p.event),
    raw: payload,
  };
  return { ok: true, event, converted: text.converted };
}

function eventId(p: XcallyPayload, uniqueid: string | undefined, text: TextValues): string {
  if (uniqueid === undefined) return `xcally:${p.event}:${fingerprint(JSON.stringify(p))}`;
  const who = text.values.peer ?? text.values.agentnum ?? '';
  return `xcally:${p.event}:${uniqueid}:${who}`;
}

function agentOf(text: TextValues): AgentInfo | undefined {
  const { agentnum, agentname, peer } = text.values;
  const id = agentnum ?? peer;
  if (id === undefined) return undefined;
  return {
    id,
    ...(agentname !== undefined ? { name: agentname } : {}),
    ...(peer !== undefined ? { peer } : {}),
  };
}

function callOf(
  uniqueid: string,
  text: TextValues,
  p: XcallyPayload,
  agent: AgentInfo | undefined,
): CallInfo {
  const v = text.values;
  const direction = v.direction !== undefined && directions.has(v.direction) ? v.direction : undefined;
  const call: CallInfo = { id: uniqueid, media: 'voice', ...readTimings(p) };
  if (direction !== undefined) call.direction = direction as CallDirection;
  if (v.queue !== undefined) call.queue = v.queue;
  if (v.callernum !== undefined) call.caller = v.callernum;
  if (v.callername !== undefined) call.callerName = v.callername;
  if (v.extension !== undefined) call.callee = v.extension;
  if (agent !== undefined) call.agent = agent.id;
  if (v.peer !== undefined) call.peer = v.peer;
  return call;
}

/** A short stable digest for payloads that carry no call id. */
function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}
