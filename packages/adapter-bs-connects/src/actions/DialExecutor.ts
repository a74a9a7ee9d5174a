import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  inject,
  injectable,
} from '@switchboard/core';
import type { BsConnectsParams } from '../actionSpecs.js';
import { bsConnectsErrors } from '../errors.js';
import type { BsConnectsContext } from '../options.js';
import { BridgeRequester } from '../transport/BridgeRequester.js';
import type { DialAnswer } from '../transport/bridgeProtocol.js';
import { DialDecisions, type DialReport } from '../transport/DialDecisions.js';
import { bridgeRequestOptions } from './bridgeRequestOptions.js';
import { channelOf, targetAgent } from './targetAgent.js';

type Params = BsConnectsParams<'dial'>;

/**
 * `dial` → `cil.dialOrConsult(channelId, phoneNumber)` in the agent's primary tab. On a `dial.requested`
 * (b+s `beforeDial`) of the same agent it instead answers the waiting event with the number: the tab
 * that raised `beforeDial` dials it (and the original number if b+s refuses it or does not answer), and
 * reports back; the action succeeds when that number was dialed, and fails with what happened otherwise
 * (another rule's number was chosen, the decision came too late, the dial failed).
 */
@injectable()
export class DialExecutor implements ActionExecutor<Params> {
  constructor(
    @inject(AdapterContext) private readonly ctx: BsConnectsContext,
    @inject(BridgeRequester) private readonly requester: BridgeRequester,
    @inject(DialDecisions) private readonly decisions: DialDecisions,
  ) {}

  async execute(request: ActionRequest<Params>, context: ActionContext): Promise<unknown> {
    const { phoneNumber } = request.params;
    const agent = targetAgent(request);
    const channelId = channelOf(request, this.ctx.options.channelId);
    const event = request.event;
    if (event.type === 'dial.requested' && this.decisions.knows(event.id) && agent === event.agent?.id)
      return this.#answerBeforeDial(request, context, { phoneNumber, channelId });
    return this.requester.request(
      agent,
      'dialOrConsult',
      [channelId, phoneNumber],
      bridgeRequestOptions(request, context, true),
    );
  }

  async #answerBeforeDial(
    request: ActionRequest<Params>,
    context: ActionContext,
    answer: DialAnswer,
  ): Promise<unknown> {
    // Whether this answer wins is known once the beforeDial is decided: wait for that either way.
    context.answer(answer);
    const { beforeDialTimeoutMs, requestTimeoutMs } = this.ctx.options;
    // The decision, then the tab's dial and, that failing, its dial of the original number.
    const waitMs = beforeDialTimeoutMs + 2 * requestTimeoutMs + 1000;
    const result = await this.decisions.outcomeFor(request.event.id, request.rule, waitMs, context.signal);
    const { phoneNumber } = answer;
    if (result.kind === 'not-chosen')
      throw bsConnectsErrors.error('BS_DIAL_NOT_CHOSEN', `not dialing ${phoneNumber}: ${result.reason}`);
    if (result.kind === 'no-report')
      throw bsConnectsErrors.error(
        'BS_DIAL_UNREPORTED',
        `the agent's tab did not report within ${waitMs} ms whether it dialed ${phoneNumber} (an old bridge web resource? regenerate it)`,
      );
    if (!result.report.success)
      throw bsConnectsErrors.error('BS_DIAL_FAILED', describeFailure(phoneNumber, result.report));
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
