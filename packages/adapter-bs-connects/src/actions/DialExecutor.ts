import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  InstanceTokens,
  inject,
  injectable,
  SwitchboardError,
} from '@switchboard/core';
import type { BsConnectsOptions } from '../BsConnectsOptions.js';
import { BsConnectsTokens } from '../BsConnectsTokens.js';
import type { BridgeRequester } from '../transport/BridgeRequester.js';
import type { DialDecisions } from '../transport/DialDecisions.js';
import { channelOf, targetAgent } from './targetAgent.js';

/**
 * `dial` → `cil.dialOrConsult(channelId, phoneNumber)`. On a `dial.requested` (b+s `beforeDial`) it first
 * answers the waiting event, so the bridge knows a rule placed the call and does not dial the original
 * number; if that event was already decided (another rule, or the wait timed out), or the agent has no
 * bridge to dial with, it dials nothing and leaves the bridge to dial the original number.
 */
@injectable()
export class DialExecutor implements ActionExecutor {
  readonly action = 'dial';

  constructor(
    @inject(BsConnectsTokens.Requester) private readonly requester: BridgeRequester,
    @inject(BsConnectsTokens.DialDecisions) private readonly decisions: DialDecisions,
    @inject(InstanceTokens.Options) private readonly options: BsConnectsOptions,
  ) {}

  async execute(request: ActionRequest, context: ActionContext): Promise<unknown> {
    const phoneNumber = String(request.params.phoneNumber);
    const agent = targetAgent(request);
    const eventId = request.event.id;
    if (request.event.type === 'dial.requested' && this.decisions.knows(eventId)) {
      // Without a bridge to dial, leave the decision open: the agent's own tab dials the original number.
      if (!(await this.requester.hasBridge(agent)))
        throw new SwitchboardError(
          'SWB_ACTION_FAILED',
          `not dialing ${phoneNumber}: agent ${agent} has no primary-tab bridge connected`,
        );
      if (!context.answer({ phoneNumber })) {
        throw new SwitchboardError(
          'SWB_ACTION_FAILED',
          `not dialing ${phoneNumber}: ${this.decisions.describe(eventId, this.options.beforeDialTimeoutMs)}`,
        );
      }
      this.decisions.handled(eventId, request.rule);
    }
    const channelId = channelOf(request, this.options.channelId);
    return this.requester.request(agent, 'dialOrConsult', [channelId, phoneNumber]);
  }
}
