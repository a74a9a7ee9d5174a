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
import { bridgeRequestOptions } from './bridgeRequestOptions.js';
import { resolveReasonCode } from './resolveReasonCode.js';
import { channelOf, targetAgent } from './targetAgent.js';

type Params = BsConnectsParams<'setAgentState'>;

/**
 * `setAgentState` → `cil.setAgentState(channelId, state, reasonCode)`. A NotReady/Logout reason code is
 * first checked against `getReasonCodeList` (option `checkReasonCodes`), so a typo fails with the list
 * of valid codes instead of a vague b+s error.
 */
@injectable()
export class SetAgentStateExecutor implements ActionExecutor<Params> {
  constructor(
    @inject(AdapterContext) private readonly ctx: BsConnectsContext,
    @inject(BridgeRequester) private readonly requester: BridgeRequester,
  ) {}

  async execute(request: ActionRequest<Params>, context: ActionContext): Promise<unknown> {
    const { channelId: defaultChannel, checkReasonCodes } = this.ctx.options;
    // Setting the same state twice is harmless: no key, the request is made again when re-run.
    const options = bridgeRequestOptions(request, context, false);
    const agent = targetAgent(request);
    const channelId = channelOf(request, defaultChannel);
    const { state, reasonCode: given } = request.params;
    let reasonCode = given === undefined || given === null ? '' : String(given);
    if (reasonCode !== '' && state !== 'Ready' && checkReasonCodes) {
      const list = await this.requester.request(agent, 'getReasonCodeList', [channelId, state], options);
      reasonCode = resolveReasonCode(reasonCode, state, list);
    }
    return this.requester.request(agent, 'setAgentState', [channelId, state, reasonCode], options);
  }
}
