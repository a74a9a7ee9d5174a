import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  AdapterContext,
  inject,
  injectable,
} from '@switchboard/core';
import type { ThirdPartyOpenParams } from '../actionSpecs.js';
import { addUrlParam, toXucmgtAnswer } from '../mapping/xucmgtAnswer.js';
import type { XucmgtContext } from '../options.js';
import { PanePages } from '../pane/PanePages.js';
import { UserTokenVault } from '../secrets/UserTokenVault.js';

/**
 * Carries out `thirdPartyOpen`: builds XucMgt's answer and hands it to the waiting POST. The result
 * (what the logs and the console see) names the decision, never the URL with a token in it.
 */
@injectable()
export class ThirdPartyOpenExecutor implements ActionExecutor<ThirdPartyOpenParams> {
  constructor(
    @inject(AdapterContext) private readonly ctx: XucmgtContext,
    @inject(PanePages) private readonly panes: PanePages,
    @inject(UserTokenVault) private readonly vault: UserTokenVault,
  ) {}

  async execute(request: ActionRequest<ThirdPartyOpenParams>, context: ActionContext): Promise<unknown> {
    const { params } = request;
    const answer = toXucmgtAnswer(params, params.action === 'none' ? undefined : await this.#url(request));
    const delivered = context.answer(answer);
    if (!delivered) {
      this.ctx.logger.info(
        { eventId: request.event.id, rule: request.rule },
        'thirdPartyOpen not sent: the request was already answered or its deadline passed',
      );
    }
    return { delivered, action: answer.action, ...(answer.event ? { event: answer.event } : {}) };
  }

  async #url({ params, event }: ActionRequest<ThirdPartyOpenParams>): Promise<string | undefined> {
    if (params.pane !== undefined && params.url === undefined) {
      const call = event.call;
      return this.panes.add({
        title: params.title ?? 'Caller',
        ...(call?.caller !== undefined ? { caller: call.caller } : {}),
        ...(call?.callerName !== undefined ? { callerName: call.callerName } : {}),
        ...(call?.queue !== undefined ? { queue: call.queue } : {}),
        ...(params.pane.record !== undefined ? { record: params.pane.record } : {}),
        ...(params.pane.fields !== undefined ? { fields: params.pane.fields } : {}),
      });
    }
    if (params.url === undefined || params.passToken === undefined) return params.url;
    const token = this.vault.tokenFor(event.id);
    if (token === undefined) return params.url;
    return addUrlParam(params.url, params.passToken.name, token, params.passToken.in);
  }
}
