import {
  type Clock,
  CoreTokens,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
} from '@switchboard/core';
import { mapThirdPartyRequest } from '../mapping/mapThirdPartyRequest.js';
import { repeatKey } from '../mapping/repeatKey.js';
import type { ThirdPartyRequest } from '../mapping/thirdPartyRequestSchema.js';
import { validateThirdPartyRequest } from '../mapping/validateThirdPartyRequest.js';
import { noneAnswer, type XucmgtAnswer } from '../mapping/xucmgtAnswer.js';
import { UserTokenVault } from '../secrets/UserTokenVault.js';
import type { XucmgtOptions } from '../XucmgtOptions.js';
import { XucmgtTokens } from '../XucmgtTokens.js';
import { type ErrorReply, errorReply } from './httpErrors.js';
import { RecentAnswers } from './RecentAnswers.js';

export type ServiceReply =
  | { readonly status: 200; readonly body: XucmgtAnswer }
  | { readonly status: 400; readonly body: ErrorReply };

/** One answered POST, kept for repeats of it. */
interface Answered {
  readonly reply: ServiceReply;
  readonly eventId: string;
  readonly callId: string | undefined;
}

/**
 * The web service's logic, apart from HTTP: a POST body becomes a `call.offered` event; the rules'
 * first `thirdPartyOpen` is the answer; nothing within `answerTimeout` → `{"action":"none"}`. A
 * repeated POST (same call, agent and user token within `repeatWindow`) gets the first one's answer,
 * so rules with side effects run once per ring, not once per browser tab or retry; only when the POSTs
 * prove their sender (the `secret`, or the user's JWT), so a forged POST cannot pre-empt the agent's.
 */
@injectable()
export class ThirdPartyService {
  readonly #recent: RecentAnswers<Answered>;

  constructor(
    @inject(InstanceTokens.Options) private readonly options: XucmgtOptions,
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(CoreTokens.Clock) private readonly clock: Clock,
    @inject(XucmgtTokens.TokenVault) private readonly vault: UserTokenVault,
  ) {
    this.#recent = new RecentAnswers(clock, options.repeatWindow * 1000);
  }

  async handle(body: unknown, requestId: string): Promise<ServiceReply> {
    const check = validateThirdPartyRequest(body);
    if (!check.ok) {
      this.events.reject('invalid-request', { error: check.error });
      return { status: 400, body: errorReply('invalid-request', check.error) };
    }
    const key = repeatKey(check.body, { keyChecked: this.options.secret !== undefined });
    const { reply, repeated } = await this.#recent.once(key, () => this.#answer(check.body, requestId));
    if (repeated)
      this.logger.info(
        { firstEventId: reply.eventId, callId: reply.callId, requestId },
        `repeated POST for call ${reply.callId ?? '?'} within repeatWindow: answered with the first POST's answer, rules not run again`,
      );
    return reply.reply;
  }

  async #answer(body: ThirdPartyRequest, requestId: string): Promise<Answered> {
    const started = this.clock.now();
    const { event, userToken } = mapThirdPartyRequest(body, { now: new Date(started), requestId });
    const timeoutMs = this.options.answerTimeout;
    const outcome = await this.vault.hold(event.id, userToken, () =>
      this.events.request<XucmgtAnswer>(event, { timeoutMs }),
    );
    const where = { eventId: event.id, callId: event.call?.id, queue: event.call?.queue };
    const ms = this.clock.now() - started;
    if (outcome.answered) {
      const answer = outcome.value;
      this.logger.info(
        { ...where, rule: outcome.rule, action: answer.action, paneEvent: answer.event, ms },
        `answered XucMgt: ${answer.action}${answer.event ? ` on ${answer.event}` : ''} (rule ${outcome.rule})`,
      );
      return { reply: { status: 200, body: answer }, eventId: event.id, callId: event.call?.id };
    }
    if (outcome.reason === 'timeout') {
      this.logger.warn(
        { ...where, timeoutMs, ms },
        `no answer from the rules within ${timeoutMs} ms (answerTimeout): answered XucMgt none`,
      );
    } else {
      this.logger.info({ ...where, reason: outcome.reason, ms }, `answered XucMgt none (${outcome.reason})`);
    }
    return { reply: { status: 200, body: noneAnswer }, eventId: event.id, callId: event.call?.id };
  }
}
