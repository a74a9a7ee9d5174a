import {
  type CallDirection,
  type CallInfo,
  type EventInput,
  isRecord,
  type NormalizedEventType,
  type Vars,
} from '@switchboard/core';
import type { WorkitemEventName } from '../vendorEvents.js';
import { agentInfo } from './agentInfo.js';
import {
  adapterName,
  type CilEventInput,
  type CilMapping,
  type CilMappingSettings,
  text,
} from './CilEventInput.js';
import { eventKey } from './eventKey.js';

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
 * `ctiData` (call variables) becomes `vars`, and the one named by `queueVariable` (default `queue`) is
 * `call.queue` too: b+s documents no queue field of its own; the CRM records stay in `raw`.
 */
export function mapWorkitem(
  input: CilEventInput & { name: WorkitemEventName },
  settings: CilMappingSettings = {},
): CilMapping<EventInput> {
  const data = input.data;
  const id = text(data.id);
  if (id === undefined) return { ok: false, reason: `${input.name} has no workitem \`id\`` };
  if (id.length > maxIdLength)
    return { ok: false, reason: `${input.name} has a workitem id over ${maxIdLength} characters` };
  const ctiData = isRecord(data.ctiData) ? data.ctiData : {};
  const queue = queueOf(ctiData, settings.queueVariable ?? 'queue');
  const call = { ...callInfo(id, data, input.agent.id), ...(queue !== undefined ? { queue } : {}) };
  const vars: Vars = { ...ctiData };
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

/** The queue from the call variable that holds it (own keys only: a variable named `constructor` is not a queue). */
function queueOf(ctiData: Readonly<Record<string, unknown>>, variable: string): string | undefined {
  if (!Object.hasOwn(ctiData, variable)) return undefined;
  const queue = text(ctiData[variable]);
  return queue !== undefined && queue.length <= maxIdLength ? queue : undefined;
}
