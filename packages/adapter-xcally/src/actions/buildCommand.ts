import { isRecord, type NormalizedEvent } from '@switchboard/core';
import type { XcallyAction } from '../actionSpecs.js';
import { xcallyErrors } from '../errors.js';

/** A socket.io message to xcally-realtime: what template.js's helpers emit. */
export interface XcallyCommand {
  readonly name: 'AgentCTI' | 'AgentCTINotification' | 'RealtimeCTI';
  readonly payload: Readonly<Record<string, unknown>>;
}

const commandNames = {
  wakeup: 'AgentCTI',
  notification: 'AgentCTINotification',
  pushevent: 'RealtimeCTI',
} as const satisfies Record<XcallyAction, XcallyCommand['name']>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Pure: an action's rendered params and its event → the xCALLY command.
 * - `wakeup` → `AgentCTI {url, peer, mode}`;
 * - `notification` → `AgentCTINotification {peer, type, title, body}`;
 * - `pushevent` → `RealtimeCTI {type, channel, reference, url}`, where `channel` is the call data
 *   (the xCALLY payload of the event, else the normalized call) plus `time`, as template.js does.
 */
export function buildCommand(
  action: XcallyAction,
  params: Readonly<Record<string, unknown>>,
  event: NormalizedEvent,
  now: Date,
): XcallyCommand {
  const name = commandNames[action];
  if (action === 'pushevent') {
    return {
      name,
      payload: {
        type: text(params.type),
        channel: { ...callData(event), time: now.toISOString() },
        reference: text(params.reference),
        url: text(params.url),
      },
    };
  }
  const peer = text(params.peer);
  if (peer === '') {
    throw xcallyErrors.error(
      'XC_NO_PEER',
      `${action} needs a peer: the ${event.vendorEvent ?? event.type} event has none; set \`peer:\` in the rule`,
    );
  }
  if (action === 'wakeup') {
    return { name, payload: { url: text(params.url), peer, mode: text(params.mode) || 'new_tab' } };
  }
  return {
    name,
    payload: { peer, type: text(params.type) || 'info', title: text(params.title), body: text(params.body) },
  };
}

/** The call as xCALLY names it: the raw payload for xCALLY events, else built from the normalized call. */
function callData(event: NormalizedEvent): Record<string, unknown> {
  if (isRecord(event.raw) && typeof event.raw.event === 'string') return { ...event.raw };
  const call = event.call;
  const data: Record<string, unknown> = {
    event: event.vendorEvent ?? event.type,
    uniqueid: call?.id,
    queue: call?.queue,
    direction: call?.direction,
    callernum: call?.caller,
    callername: call?.callerName,
    extension: call?.callee,
    agentnum: call?.agent ?? event.agent?.id,
    agentname: event.agent?.name,
    peer: call?.peer ?? event.agent?.peer,
  };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return data;
}

/** What an xCALLY action returns (its `result`, kept by `save:`): the command sent and its peer. */
export function commandResult(command: XcallyCommand): { sent: XcallyCommand['name']; peer?: unknown } {
  return {
    sent: command.name,
    ...(command.payload.peer !== undefined ? { peer: command.payload.peer } : {}),
  };
}
