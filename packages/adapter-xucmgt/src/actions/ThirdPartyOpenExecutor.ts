import {
  type ActionContext,
  type ActionExecutor,
  type ActionRequest,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
  type RouteHost,
} from '@switchboard/core';
import { addUrlParam, toXucmgtAnswer } from '../mapping/xucmgtAnswer.js';
import { PaneStore } from '../pane/PaneStore.js';
import { UserTokenVault } from '../secrets/UserTokenVault.js';
import { XucmgtTokens } from '../XucmgtTokens.js';
import type { ThirdPartyOpenParams } from './thirdPartyOpenSpec.js';

/**
 * Carries out `thirdPartyOpen`: builds XucMgt's answer and hands it to the waiting POST. The result
 * (what the logs and the console see) names the decision, never the URL with a token in it.
 */
@injectable()
export class ThirdPartyOpenExecutor implements ActionExecutor {
  readonly action = 'thirdPartyOpen';

  constructor(
    @inject(XucmgtTokens.Panes) private readonly panes: PaneStore,
    @inject(XucmgtTokens.TokenVault) private readonly vault: UserTokenVault,
    @inject(InstanceTokens.Routes) private readonly routes: RouteHost,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
  ) {}

  execute(request: ActionRequest, context: ActionContext): unknown {
    const params = request.params as unknown as ThirdPartyOpenParams;
    const answer = toXucmgtAnswer(params, params.action === 'none' ? undefined : this.#url(params, request));
    const delivered = context.answer(answer);
    if (!delivered) {
      this.logger.info(
        { eventId: request.event.id, rule: request.rule },
        'thirdPartyOpen not sent: the request was already answered or its deadline passed',
      );
    }
    return { delivered, action: answer.action, ...(answer.event ? { event: answer.event } : {}) };
  }

  #url(params: ThirdPartyOpenParams, request: ActionRequest): string | undefined {
    if (params.pane !== undefined && params.url === undefined) {
      const call = request.event.call;
      const id = this.panes.add({
        title: params.title ?? 'Caller',
        ...(call?.caller !== undefined ? { caller: call.caller } : {}),
        ...(call?.callerName !== undefined ? { callerName: call.callerName } : {}),
        ...(call?.queue !== undefined ? { queue: call.queue } : {}),
        ...(params.pane.record !== undefined ? { record: params.pane.record } : {}),
        ...(params.pane.fields !== undefined ? { fields: params.pane.fields } : {}),
      });
      return this.routes.url(`/pane/${id}`);
    }
    if (params.url === undefined || params.passToken === undefined) return params.url;
    const token = this.vault.tokenFor(request.event.id);
    if (token === undefined) return params.url;
    return addUrlParam(params.url, params.passToken.name, token, params.passToken.in);
  }
}
