import {
  type ActionExecutor,
  type ActionRequest,
  InstanceTokens,
  inject,
  injectable,
} from '@switchboard/core';
import type { BsConnectsOptions } from '../BsConnectsOptions.js';
import { BsConnectsTokens } from '../BsConnectsTokens.js';
import type { BridgeRequester } from '../transport/BridgeRequester.js';
import { resolveReasonCode } from './resolveReasonCode.js';
import { channelOf, targetAgent } from './targetAgent.js';

/**
 * `setAgentState` → `cil.setAgentState(channelId, state, reasonCode)`. A NotReady/Logout reason code is
 * first checked against `getReasonCodeList` (option `checkReasonCodes`), so a typo fails with the list
 * of valid codes instead of a vague b+s error.
 */
@injectable()
export class SetAgentStateExecutor implements ActionExecutor {
  readonly action = 'setAgentState';

  constructor(
    @inject(BsConnectsTokens.Requester) private readonly requester: BridgeRequester,
    @inject(InstanceTokens.Options) private readonly options: BsConnectsOptions,
  ) {}

  async execute(request: ActionRequest): Promise<unknown> {
    const agent = targetAgent(request);
    const channelId = channelOf(request, this.options.channelId);
    const state = String(request.params.state);
    const given = request.params.reasonCode;
    let reasonCode = given === undefined || given === null ? '' : String(given);
    if (reasonCode !== '' && state !== 'Ready' && this.options.checkReasonCodes) {
      const list = await this.requester.request(agent, 'getReasonCodeList', [channelId, state]);
      reasonCode = resolveReasonCode(reasonCode, state, list);
    }
    return this.requester.request(agent, 'setAgentState', [channelId, state, reasonCode]);
  }
}
