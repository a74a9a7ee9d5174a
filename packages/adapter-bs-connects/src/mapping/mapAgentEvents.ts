import type { EventInput } from '@switchboard/core';
import { agentInfo } from './agentInfo.js';
import { adapterName, type CilEventInput, type CilMapping, text } from './CilEventInput.js';
import { eventKey } from './eventKey.js';

/** `agentStateChange` → `agent.state`: the new state and reason label on `agent`, the rest in `vars`. */
export function mapAgentStateChange(input: CilEventInput): CilMapping<EventInput> {
  const d = input.data;
  const state = text(d.newState);
  if (state === undefined) return { ok: false, reason: 'agentStateChange has no `newState`' };
  const reason = text(d.newReasonCodeLabel);
  return {
    ok: true,
    event: {
      id: eventKey(input),
      type: 'agent.state',
      vendorEvent: `${adapterName}.agentStateChange`,
      time: input.time,
      agent: agentInfo(input.agent, { state, ...(reason ? { reason } : {}) }),
      vars: compact({
        channelId: text(d.channelId),
        channelType: text(d.channelType),
        reasonCode: text(d.newReasonCode),
        oldState: text(d.oldState),
        oldReasonCode: text(d.oldReasonCode),
      }),
      raw: d,
    },
  };
}

/** `beforeDial` → `dial.requested`, with the number in `vars.dialedNumber`. */
export function mapBeforeDial(input: CilEventInput): CilMapping<EventInput> {
  const d = input.data;
  const number = text(d.dialedNumber);
  if (number === undefined) return { ok: false, reason: 'beforeDial has no `dialedNumber`' };
  return {
    ok: true,
    event: {
      id: eventKey(input),
      type: 'dial.requested',
      vendorEvent: `${adapterName}.beforeDial`,
      time: input.time,
      agent: agentInfo(input.agent),
      vars: compact({ dialedNumber: number, callType: text(d.callType), requestId: text(d.requestId) }),
      raw: d,
    },
  };
}

/** `error` → `adapter.error`, with the library's message in `vars.message`. */
export function mapError(input: CilEventInput): CilMapping<EventInput> {
  const d = input.data;
  return {
    ok: true,
    event: {
      id: eventKey(input),
      type: 'adapter.error',
      vendorEvent: `${adapterName}.error`,
      time: input.time,
      agent: agentInfo(input.agent),
      vars: compact({
        message: text(d.message) ?? 'unknown b+s Connects error',
        requestId: text(d.requestId),
      }),
      raw: d,
    },
  };
}

function compact(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}
