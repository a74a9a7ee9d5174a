import { randomBytes } from 'node:crypto';
import { AdapterContext, inject, injectable, type JsonReply } from '@switchboard/core';
import { mapThirdPartyRequest } from '../mapping/mapThirdPartyRequest.js';
import { repeatKey } from '../mapping/repeatKey.js';
import type { ThirdPartyRequest } from '../mapping/thirdPartyRequestSchema.js';
import { validateThirdPartyRequest } from '../mapping/validateThirdPartyRequest.js';
import { noneAnswer, type XucmgtAnswer } from '../mapping/xucmgtAnswer.js';
import type { XucmgtContext } from '../options.js';
import { UserTokenVault } from '../secrets/UserTokenVault.js';
import { type AnsweredPost, RepeatedPosts } from './RepeatedPosts.js';

/** The rules did not run because the daemon is stopping: answer `none`, keep nothing. */
class DaemonStopping extends Error {}

/** How much longer than `answerTimeout` a repeat waits for the first POST's answer (its store writes). */
const repeatWaitMarginMs = 1000;

/**
 * A web-service POST, apart from HTTP: the body becomes a `call.offered` event; the rules' first
 * `thirdPartyOpen` is the answer; nothing within `answerTimeout` → `{"action":"none"}`. A repeated
 * POST (same call, agent and user token within `repeatWindow`) gets the first one's answer, so rules
 * with side effects run once per ring, not once per browser tab or retry; only when the POSTs prove
 * their sender (the `secret`, or the user's JWT), so a forged POST cannot pre-empt the agent's.
 */
@injectable()
export class XucmgtInbound {
  readonly #repeats: RepeatedPosts;
  /**
   * Makes this run's event ids its own: fastify numbers requests from 1 again after a restart, and the
   * event ledger remembers the ids of the previous run for its de-duplication window.
   */
  readonly #run = randomBytes(6).toString('base64url');

  constructor(
    @inject(AdapterContext) private readonly ctx: XucmgtContext,
    @inject(UserTokenVault) private readonly vault: UserTokenVault,
  ) {
    const { repeatWindow, answerTimeout } = ctx.options;
    this.#repeats = new RepeatedPosts(ctx.state, {
      windowMs: repeatWindow * 1000,
      waitMs: answerTimeout + repeatWaitMarginMs,
    });
  }

  async handle(body: unknown, requestId: string): Promise<JsonReply> {
    const check = validateThirdPartyRequest(body);
    if (!check.ok) {
      this.ctx.events.reject('invalid-request', { error: check.error });
      return { status: 400, body: { error: 'invalid-request', message: check.error } };
    }
    const { logger, options } = this.ctx;
    const key = this.#repeats.enabled
      ? repeatKey(check.body, { keyChecked: options.secret !== undefined })
      : undefined;
    const token = typeof check.body.user.token === 'string' ? check.body.user.token : undefined;
    let outcome: Awaited<ReturnType<RepeatedPosts['once']>>;
    try {
      outcome = await this.#repeats.once(key, token, () => this.#answer(check.body, requestId));
    } catch (error) {
      if (!(error instanceof DaemonStopping)) throw error;
      return { status: 200, body: noneAnswer };
    }
    const { post, repeated } = outcome;
    if (post === undefined) {
      logger.warn(
        { requestId, waitMs: options.answerTimeout + repeatWaitMarginMs },
        "repeated POST: the first POST's answer did not come in time: answered XucMgt none",
      );
      return { status: 200, body: noneAnswer };
    }
    if (repeated)
      logger.info(
        { firstEventId: post.eventId, callId: post.callId, requestId },
        `repeated POST for call ${post.callId ?? '?'} within repeatWindow: answered with the first POST's answer, rules not run again`,
      );
    return { status: 200, body: post.answer };
  }

  async #answer(body: ThirdPartyRequest, requestId: string): Promise<AnsweredPost> {
    const { clock, events, logger, options } = this.ctx;
    const started = clock.now();
    const { event, userToken } = mapThirdPartyRequest(body, {
      now: new Date(started),
      requestId: `${this.#run}.${requestId}`,
    });
    const timeoutMs = options.answerTimeout;
    const outcome = await this.vault.hold(event.id, userToken, () =>
      events.request<XucmgtAnswer>(event, { timeoutMs }),
    );
    const callId = event.call?.id;
    const answered = (answer: XucmgtAnswer): AnsweredPost =>
      callId === undefined ? { answer, eventId: event.id } : { answer, eventId: event.id, callId };
    const ms = clock.now() - started;
    if (outcome.answered) {
      const answer = outcome.value;
      // Built only when written: this runs for every POST, and deployments often log at `warn`.
      if (logger.isLevelEnabled('info')) {
        logger.info(
          {
            eventId: event.id,
            callId,
            queue: event.call?.queue,
            rule: outcome.rule,
            action: answer.action,
            paneEvent: answer.event,
            ms,
          },
          `answered XucMgt: ${answer.action}${answer.event ? ` on ${answer.event}` : ''} (rule ${outcome.rule})`,
        );
      }
      return answered(answer);
    }
    const where = { eventId: event.id, callId, queue: event.call?.queue };
    if (outcome.reason === 'stopping') {
      logger.info(
        { ...where, ms },
        'the daemon is stopping: answered XucMgt none, not kept for repeats (the same POST after the restart runs the rules)',
      );
      // Thrown, so the repeat store frees the key instead of keeping `none` for `repeatWindow`.
      throw new DaemonStopping();
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
