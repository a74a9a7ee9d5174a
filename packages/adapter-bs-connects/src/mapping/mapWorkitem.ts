import type { CallDirection, CallInfo, EventInput, NormalizedEventType, Vars } from '@switchboard/core';
import { agentInfo } from './agentInfo.js';
import { adapterName, type CilEventInput, type CilMapping, isRecord, text } from './CilEventInput.js';
import { eventKey } from './eventKey.js';

export type WorkitemEventName =
  | 'workitemCreate'
  | 'workitemConnect'
  | 'workitemPause'
  | 'workitemResume'
  | 'workitemWrapup'
  | 'workitemEnd';

const typeOf: Record<WorkitemEventName, (data: Readonly<Record<string, unknown>>) => NormalizedEventType> = {
  workitemCreate: (d) => (d.direction === 'Outgoing' ? 'call.outbound' : 'call.offered'),
  workitemConnect: () => 'call.answered',
  workitemPause: () => 'call.held',
  workitemResume: () => 'call.resumed',
  workitemWrapup: () => 'call.wrapup',
  workitemEnd: (d) => (d.state === 'EndedAbandoned' ? 'call.abandoned' : 'call.ended'),
};

/** Longest workitem id accepted (ids are call or task ids; anything longer is not one). */
const maxIdLength = 200;

/**
 * A workitem event → `call.*`. `call.id` is the workitem id; `ani` is the caller of an incoming call and
 * the callee of an outgoing one (b+s picks the to-address for a single-participant outgoing call);
 * `ctiData` (call variables) becomes `vars`; the CRM records stay in `raw`.
 */
export function mapWorkitem(input: CilEventInput & { name: WorkitemEventName }): CilMapping<EventInput> {
  const data = input.data;
  const id = text(data.id);
  if (id === undefined) return { ok: false, reason: `${input.name} has no workitem \`id\`` };
  if (id.length > maxIdLength)
    return { ok: false, reason: `${input.name} has a workitem id over ${maxIdLength} characters` };
  const call = callInfo(id, data, input.agent.id);
  const vars: Vars = isRecord(data.ctiData) ? { ...data.ctiData } : {};
  return {
    ok: true,
    event: {
      id: eventKey(input, id),
      type: typeOf[input.name](data),
      vendorEvent: `${adapterName}.${input.name}`,
      time: input.time,
      call,
      agent: agentInfo(input.agent),
      vars,
      raw: data,
    },
  };
}

function callInfo(id: string, data: Readonly<Record<string, unknown>>, agentId: string): CallInfo {
  const direction = directionOf(data);
  const ani = text(data.ani);
  const participant = isRecord(data.associatedParticipant)
    ? text(data.associatedParticipant.name)
    : undefined;
  const media = text(data.channelType)?.toLowerCase();
  const state = text(data.state);
  return {
    id,
    ...(direction ? { direction } : {}),
    ...(ani && direction !== 'outbound' ? { caller: ani } : {}),
    ...(ani && direction === 'outbound' ? { callee: ani } : {}),
    ...(participant && direction !== 'outbound' ? { callerName: participant } : {}),
    agent: text(data.agentId) ?? agentId,
    ...(media ? { media } : {}),
    ...(state ? { state } : {}),
  };
}

function directionOf(data: Readonly<Record<string, unknown>>): CallDirection | undefined {
  if (data.classification === 'Internal') return 'internal';
  if (data.direction === 'Incoming') return 'inbound';
  if (data.direction === 'Outgoing') return 'outbound';
  return undefined;
}
