import {
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  type ExecutorBinding,
  type Logger,
} from '@switchboard/core';
import type { ScenarioAction, ScenarioParams } from '../actionSpecs.js';
import { AgentDesktopLog } from './AgentDesktopLog.js';

/** What the agent would see, per action, in the params' own terms. */
const describe: { readonly [K in ScenarioAction]: (p: ScenarioParams<K>) => string } = {
  wakeup: (p) => `opens ${p.url} (${p.mode})`,
  notification: (p) => `sees ${p.type} "${p.title}: ${p.body}"`,
  pushevent: (p) => `realtime view gets ${p.type} ${p.reference ?? ''}`,
};

/** Carries out an agent-desktop action by writing what the agent would see into the log. */
export class SimulatedDesktopExecutor<K extends ScenarioAction> implements ActionExecutor<ScenarioParams<K>> {
  readonly #action: K;
  readonly #logger: Logger;
  readonly #log: AgentDesktopLog;

  constructor(action: K, logger: Logger, log: AgentDesktopLog) {
    this.#action = action;
    this.#logger = logger;
    this.#log = log;
  }

  /** The manifest's executor of `action`, built from the instance's container. */
  static for<K extends ScenarioAction>(action: K): ExecutorBinding<ScenarioParams<K>> {
    return (resolve) =>
      new SimulatedDesktopExecutor(action, resolve(AdapterContext).logger, resolve(AgentDesktopLog));
  }

  execute(request: ActionRequest<ScenarioParams<K>>): { delivered: true } {
    const { params, event } = request;
    const agent = ('peer' in params ? params.peer : undefined) ?? event.call?.peer ?? event.agent?.id;
    this.#log.add({ action: this.#action, agent, params, at: new Date().toISOString() });
    const text = describe[this.#action](params);
    this.#logger.info({ agent, action: this.#action }, `agent ${agent ?? '?'} ${text}`);
    return { delivered: true };
  }
}
