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

  /**
   * Synchronous when the answer needs no I/O (a `url`, or `none`): the waiting POST gets it in the same
   * turn. Only a built-in pane (stored first) makes it asynchronous.
   */
  execute(request: ActionRequest<ThirdPartyOpenParams>, context: ActionContext): unknown {
    const { params } = request;
    if (params.action !== 'none' && params.pane !== undefined && params.url === undefined) {
      return this.#paneUrl(request).then((url) => this.#deliver(request, context, url));
    }
    try {
      return this.#deliver(request, context, params.action === 'none' ? undefined : this.#url(request));
    } catch (error) {
      // A bad combination of params fails as a rejection, as an asynchronous action's would.
      return Promise.reject(error);
    }
  }

  #deliver(
    request: ActionRequest<ThirdPartyOpenParams>,
    context: ActionContext,
    url: string | undefined,
  ): unknown {
    const answer = toXucmgtAnswer(request.params, url);
    const delivered = context.answer(answer);
    if (!delivered) {
      this.ctx.logger.info(
        { eventId: request.event.id, rule: request.rule },
        'thirdPartyOpen not sent: the request was already answered or its deadline passed',
      );
    }
    return answer.event
      ? { delivered, action: answer.action, event: answer.event }
      : { delivered, action: answer.action };
  }

  #paneUrl({ params, event }: ActionRequest<ThirdPartyOpenParams>): Promise<string> {
    const call = event.call;
    return this.panes.add({
      title: params.title ?? 'Caller',
      ...(call?.caller !== undefined ? { caller: call.caller } : {}),
      ...(call?.callerName !== undefined ? { callerName: call.callerName } : {}),
      ...(call?.queue !== undefined ? { queue: call.queue } : {}),
      ...(params.pane?.record !== undefined ? { record: params.pane.record } : {}),
      ...(params.pane?.fields !== undefined ? { fields: params.pane.fields } : {}),
    });
  }

  #url({ params, event }: ActionRequest<ThirdPartyOpenParams>): string | undefined {
    if (params.url === undefined || params.passToken === undefined) return params.url;
    const token = this.vault.tokenFor(event.id);
    if (token === undefined) return params.url;
    return addUrlParam(params.url, params.passToken.name, token, params.passToken.in);
  }
}
