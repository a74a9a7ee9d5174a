import { AdapterContext, inject, injectable, type JsonReply } from '@switchboard/core';
import { mapThirdPartyRequest } from '../mapping/mapThirdPartyRequest.js';
import { repeatKey } from '../mapping/repeatKey.js';
import type { ThirdPartyRequest } from '../mapping/thirdPartyRequestSchema.js';
import { validateThirdPartyRequest } from '../mapping/validateThirdPartyRequest.js';
import { noneAnswer, type XucmgtAnswer } from '../mapping/xucmgtAnswer.js';
import type { XucmgtContext } from '../options.js';
import { UserTokenVault } from '../secrets/UserTokenVault.js';
import { RecentAnswers } from './RecentAnswers.js';

/** One answered POST, kept for repeats of it. */
interface Answered {
  readonly reply: JsonReply;
  readonly eventId: string;
  readonly callId: string | undefined;
}

/**
 * A web-service POST, apart from HTTP: the body becomes a `call.offered` event; the rules' first
 * `thirdPartyOpen` is the answer; nothing within `answerTimeout` → `{"action":"none"}`. A repeated
 * POST (same call, agent and user token within `repeatWindow`) gets the first one's answer, so rules
 * with side effects run once per ring, not once per browser tab or retry; only when the POSTs prove
 * their sender (the `secret`, or the user's JWT), so a forged POST cannot pre-empt the agent's.
 */
@injectable()
export class XucmgtInbound {
  readonly #recent: RecentAnswers<Answered>;

  constructor(
    @inject(AdapterContext) private readonly ctx: XucmgtContext,
    @inject(UserTokenVault) private readonly vault: UserTokenVault,
  ) {
    this.#recent = new RecentAnswers(ctx.clock, ctx.options.repeatWindow * 1000);
  }

  async handle(body: unknown, requestId: string): Promise<JsonReply> {
    const check = validateThirdPartyRequest(body);
    if (!check.ok) {
      this.ctx.events.reject('invalid-request', { error: check.error });
      return { status: 400, body: { error: 'invalid-request', message: check.error } };
    }
    const key = repeatKey(check.body, { keyChecked: this.ctx.options.secret !== undefined });
    const { reply, repeated } = await this.#recent.once(key, () => this.#answer(check.body, requestId));
    if (repeated)
      this.ctx.logger.info(
        { firstEventId: reply.eventId, callId: reply.callId, requestId },
        `repeated POST for call ${reply.callId ?? '?'} within repeatWindow: answered with the first POST's answer, rules not run again`,
      );
    return reply.reply;
  }

  async #answer(body: ThirdPartyRequest, requestId: string): Promise<Answered> {
    const { clock, events, logger, options } = this.ctx;
    const started = clock.now();
    const { event, userToken } = mapThirdPartyRequest(body, { now: new Date(started), requestId });
    const timeoutMs = options.answerTimeout;
    const outcome = await this.vault.hold(event.id, userToken, () =>
      events.request<XucmgtAnswer>(event, { timeoutMs }),
    );
    const where = { eventId: event.id, callId: event.call?.id, queue: event.call?.queue };
    const answered = (answer: XucmgtAnswer): Answered => ({
      reply: { status: 200, body: answer },
      eventId: event.id,
      callId: event.call?.id,
    });
    const ms = clock.now() - started;
    if (outcome.answered) {
      const answer = outcome.value;
      logger.info(
        { ...where, rule: outcome.rule, action: answer.action, paneEvent: answer.event, ms },
        `answered XucMgt: ${answer.action}${answer.event ? ` on ${answer.event}` : ''} (rule ${outcome.rule})`,
      );
      return answered(answer);
    }
    if (outcome.reason === 'timeout') {
      logger.warn(
        { ...where, timeoutMs, ms },
        `no answer from the rules within ${timeoutMs} ms (answerTimeout): answered XucMgt none`,
      );
    } else {
      logger.info({ ...where, reason: outcome.reason, ms }, `answered XucMgt none (${outcome.reason})`);
    }
    return answered(noneAnswer);
  }
}
