import type { ActionRequest } from '@switchboard/core';

/** The agent an action is for: its `agent` param (default `{{ agent.id }}`), else the event's agent. */
export function targetAgent(request: ActionRequest<{ readonly agent?: string }>): string {
  const param = request.params.agent;
  if (typeof param === 'string' && param !== '') return param;
  return request.event.agent?.id ?? request.event.call?.agent ?? '';
}

/** The channel an action uses: its `channelId` param, else the instance's option. */
export function channelOf(request: ActionRequest<{ readonly channelId?: string }>, fallback: string): string {
  const param = request.params.channelId;
  return typeof param === 'string' && param !== '' ? param : fallback;
}
