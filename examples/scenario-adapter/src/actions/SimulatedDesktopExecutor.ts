import type { ActionExecutor, ActionRequest, Logger } from '@switchboard/core';
import type { AgentDesktopLog } from './AgentDesktopLog.js';

const describe: Record<string, (p: Record<string, unknown>) => string> = {
  wakeup: (p) => `opens ${String(p.url)} (${String(p.mode ?? 'new_tab')})`,
  notification: (p) => `sees ${String(p.type ?? 'info')} "${String(p.title ?? '')}: ${String(p.body ?? '')}"`,
  pushevent: (p) => `realtime view gets ${String(p.type ?? '')} ${String(p.reference ?? '')}`,
  dial: (p) => `dials ${String(p.phoneNumber)}`,
  setAgentState: (p) => `goes ${String(p.state)}${p.reasonCode ? ` (${String(p.reasonCode)})` : ''}`,
};

/** Carries out an agent-desktop action by writing what the agent would see into the log. */
export class SimulatedDesktopExecutor implements ActionExecutor {
  readonly action: string;
  readonly #logger: Logger;
  readonly #log: AgentDesktopLog;

  constructor(action: string, logger: Logger, log: AgentDesktopLog) {
    this.action = action;
    this.#logger = logger;
    this.#log = log;
  }

  execute(request: ActionRequest): unknown {
    const params = request.params as Record<string, unknown>;
    const agent = (params.peer as string | undefined) ?? request.event.call?.peer ?? request.event.agent?.id;
    this.#log.add({ action: this.action, agent, params, at: new Date().toISOString() });
    const text = describe[this.action]?.(params) ?? JSON.stringify(params);
    this.#logger.info({ agent, action: this.action }, `agent ${agent ?? '?'} ${text}`);
    return { delivered: true };
  }
}
