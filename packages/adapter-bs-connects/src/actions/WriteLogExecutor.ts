import {
  type ActionExecutor,
  type ActionRequest,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
} from '@switchboard/core';
import { BsConnectsTokens } from '../BsConnectsTokens.js';
import type { BridgeHub } from '../transport/BridgeHub.js';
import type { BridgeRequester } from '../transport/BridgeRequester.js';
import { targetAgent } from './targetAgent.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * `log` → `cil.writeLog(message, 'Debug' | 'Error')` in the agent's b+s Connects log (find it under
 * COR_API_WRITE_LOG); when the event has no agent or the agent has no bridge, the daemon log.
 */
@injectable()
export class WriteLogExecutor implements ActionExecutor {
  readonly action = 'log';

  constructor(
    @inject(BsConnectsTokens.Requester) private readonly requester: BridgeRequester,
    @inject(BsConnectsTokens.Hub) private readonly hub: BridgeHub,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
  ) {}

  async execute(request: ActionRequest): Promise<unknown> {
    const { message, level = 'info' } = request.params as { message: string; level?: Level };
    const agent = targetAgent(request);
    if (agent === '' || !(await this.hub.bridgeOf(agent))) {
      this.logger[level]({ rule: request.rule, agentId: agent || undefined }, message);
      return { written: 'daemon-log' };
    }
    const logLevel = level === 'warn' || level === 'error' ? 'Error' : 'Debug';
    await this.requester.request(agent, 'writeLog', [message, logLevel]);
    return { written: 'b+s-log' };
  }
}
