import type { AdapterEvents, EventInput, Logger } from '@switchboard/core';
import { LRUCache } from 'lru-cache';
import type { BsConnectsOptions } from '../options.js';
import type { BridgeEventReply, DialAnswer } from './bridgeProtocol.js';
import type { DialDecisions } from './DialDecisions.js';
import { parseDialOutcome } from './parseBridgeMessage.js';

export interface BeforeDialDeps {
  readonly events: AdapterEvents;
  readonly options: BsConnectsOptions;
  readonly logger: Logger;
  readonly dials: DialDecisions;
  /** Counts and logs bad input from the bridge; returns the error reply. */
  readonly reject: (reason: string, error: string) => BridgeEventReply;
}

/** Decided dials of one bridge whose outcome it has not reported yet (a report names its message). */
const maxAwaiting = 100;

/**
 * The `beforeDial`s of one bridge: publishes `dial.requested` and waits for the rules. A rule's `dial`
 * answers with a number, which goes back to the tab that raised the event: that tab dials it (and the
 * original number if it fails) and reports how it went, so the agent's dial is never lost between the
 * decision and the call. No rule in time → the tab dials the original number.
 */
export class BeforeDialHandler {
  readonly #deps: BeforeDialDeps;
  /** beforeDial message id → event id, for the dials this tab was told to place (the latest ones). */
  readonly #awaiting = new LRUCache<string, string>({ max: maxAwaiting });

  constructor(deps: BeforeDialDeps) {
    this.#deps = deps;
  }

  async decide(event: EventInput, messageId: string): Promise<BridgeEventReply> {
    const { dials, events, options, logger } = this.#deps;
    dials.pending(event.id);
    const timeoutMs = options.beforeDialTimeoutMs;
    const outcome = await events.request<DialAnswer>(event, { timeoutMs });
    if (outcome.answered) {
      const { phoneNumber, channelId } = outcome.value;
      dials.decided(event.id, outcome.rule, phoneNumber);
      this.#awaiting.set(messageId, event.id);
      return { ok: true, decision: 'dial', rule: outcome.rule, phoneNumber, channelId };
    }
    const why =
      outcome.reason === 'timeout'
        ? `too late: no rule dialed within ${timeoutMs} ms`
        : `no rule dialed (${outcome.reason})`;
    dials.dialedOriginal(event.id, why);
    logger.info(
      { eventId: event.id, reason: outcome.reason },
      'no rule dialed: the bridge dials the original number',
    );
    return { ok: true, decision: 'dial-original' };
  }

  /** A `bridge:dial-outcome`: the tab dialed the rule's number (or, that failing, the original one). */
  report(payload: unknown): void {
    const parsed = parseDialOutcome(payload);
    if (!parsed.ok) {
      this.#deps.reject('malformed-bridge-message', parsed.error);
      return;
    }
    const { id, fallback, ...attempt } = parsed.value;
    const eventId = this.#awaiting.peek(id);
    this.#awaiting.delete(id);
    const report = { ...attempt, ...(fallback ? { fallback } : {}) };
    if (eventId === undefined || !this.#deps.dials.reported(eventId, report)) {
      this.#deps.reject(
        'unexpected-dial-outcome',
        `no dial of this bridge waits for the outcome of \`${id}\``,
      );
      return;
    }
    const { logger } = this.#deps;
    if (attempt.success) logger.info({ eventId }, 'beforeDial: the tab dialed the number the rule chose');
    else
      logger.warn(
        { eventId, error: attempt.error, fallback: fallback?.success ?? false },
        fallback
          ? `beforeDial: dialOrConsult failed in the agent's tab (${attempt.error}); it dialed the original number ${fallback.success ? 'instead' : `instead, which failed too (${fallback.error})`}`
          : `beforeDial: dialOrConsult failed in the agent's tab (${attempt.error}); there was no original number to dial`,
      );
  }
}
