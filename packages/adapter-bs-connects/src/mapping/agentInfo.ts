import type { AgentInfo } from '@switchboard/core';
import type { CilAgent } from './CilEventInput.js';

/** The normalized agent of an event, from the bridge's identity (`getChannel`). */
export function agentInfo(agent: CilAgent, extra: Partial<AgentInfo> = {}): AgentInfo {
  const name = [agent.firstName, agent.lastName].filter((p) => p !== undefined && p !== '').join(' ');
  return {
    id: agent.id,
    ...(name !== '' ? { name } : {}),
    ...(agent.extension ? { extension: agent.extension } : {}),
    ...extra,
  };
}
