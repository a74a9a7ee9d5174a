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
import type { DialAnswer } from '../protocol/BridgeProtocol.js';
import type { BridgeRequester } from '../transport/BridgeRequester.js';
import type { DialDecisions, DialReport } from '../transport/DialDecisions.js';
import { channelOf, targetAgent } from './targetAgent.js';

/**
 * `dial` → `cil.dialOrConsult(channelId, phoneNumber)` in the agent's primary tab. On a `dial.requested`
 * (b+s `beforeDial`) of the same agent it instead answers the waiting event with the number: the tab
 * that raised `beforeDial` dials it (and the original number if b+s refuses it or does not answer), and
 * reports back; the action succeeds when that number was dialed, and fails with what happened otherwise
 * (another rule's number was chosen, the decision came too late, the dial failed).
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
    const channelId = channelOf(request, this.options.channelId);
    const event = request.event;
    if (event.type === 'dial.requested' && this.decisions.knows(event.id) && agent === event.agent?.id)
      return this.#answerBeforeDial(request, context, { phoneNumber, channelId });
    return this.requester.request(agent, 'dialOrConsult', [channelId, phoneNumber]);
  }

  async #answerBeforeDial(
    request: ActionRequest,
    context: ActionContext,
    answer: DialAnswer,
  ): Promise<unknown> {
    // Whether this answer wins is known once the beforeDial is decided: wait for that either way.
    context.answer(answer);
    const { beforeDialTimeoutMs, requestTimeoutMs } = this.options;
    // The decision, then the tab's dial and, that failing, its dial of the original number.
    const waitMs = beforeDialTimeoutMs + 2 * requestTimeoutMs + 1000;
    const result = await this.decisions.outcomeFor(request.event.id, request.rule, waitMs, context.signal);
    const { phoneNumber } = answer;
    if (result.kind === 'not-chosen')
      throw new SwitchboardError('SWB_ACTION_FAILED', `not dialing ${phoneNumber}: ${result.reason}`);
    if (result.kind === 'no-report')
      throw new SwitchboardError(
        'SWB_ACTION_TIMEOUT',
        `the agent's tab did not report within ${waitMs} ms whether it dialed ${phoneNumber} (an old bridge web resource? regenerate it)`,
      );
    if (!result.report.success)
      throw new SwitchboardError('SWB_ACTION_FAILED', describeFailure(phoneNumber, result.report));
    return { dialed: phoneNumber };
  }
}

function describeFailure(phoneNumber: string, report: DialReport): string {
  const failed = `b+s Connects did not dial ${phoneNumber} (${report.error ?? 'no reason given'})`;
  const fallback = report.fallback;
  if (!fallback) return `${failed}, and the agent's dial had no original number to fall back to`;
  return fallback.success
    ? `${failed}; the agent's tab dialed the original number ${fallback.phoneNumber} instead`
    : `${failed}; the original number ${fallback.phoneNumber} failed too (${fallback.error ?? 'no reason given'})`;
}
