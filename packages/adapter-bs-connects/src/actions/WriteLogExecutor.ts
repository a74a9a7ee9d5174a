import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  inject,
  injectable,
} from '@switchboard/core';
import type { BsConnectsParams } from '../actionSpecs.js';
import type { BsConnectsContext } from '../options.js';
import { BridgeRequester } from '../transport/BridgeRequester.js';
import { BsConnectsBridge } from '../transport/BsConnectsBridge.js';
import { targetAgent } from './targetAgent.js';

type Params = BsConnectsParams<'log'>;

/**
 * `log` → `cil.writeLog(message, 'Debug' | 'Error')` in the agent's b+s Connects log (find it under
 * COR_API_WRITE_LOG); when the event has no agent or the agent has no bridge, the daemon log.
 */
@injectable()
export class WriteLogExecutor implements ActionExecutor<Params> {
  constructor(
    @inject(AdapterContext) private readonly ctx: BsConnectsContext,
    @inject(BridgeRequester) private readonly requester: BridgeRequester,
    @inject(BsConnectsBridge) private readonly bridge: BsConnectsBridge,
  ) {}

  async execute(request: ActionRequest<Params>, context: ActionContext): Promise<unknown> {
    const { message, level = 'info' } = request.params;
    const agent = targetAgent(request);
    if (agent === '' || !(await this.#hasBridge(agent, request.recovered === true, context.signal))) {
      this.ctx.logger[level]({ rule: request.rule, agentId: agent || undefined }, message);
      return { written: 'daemon-log' };
    }
    const logLevel = level === 'warn' || level === 'error' ? 'Error' : 'Debug';
    await this.requester.request(agent, 'writeLog', [message, logLevel], { signal: context.signal });
    return { written: 'b+s-log' };
  }

  /** Re-run after a restart, the agent's bridge may not be back yet: it is waited for (`reconnectWaitMs`). */
  async #hasBridge(agent: string, recovered: boolean, signal: AbortSignal): Promise<boolean> {
    if (this.bridge.isOpen && (await this.bridge.service.newest(agent))) return true;
    return recovered && this.bridge.whenConnected(agent, this.ctx.options.reconnectWaitMs, signal);
  }
}
