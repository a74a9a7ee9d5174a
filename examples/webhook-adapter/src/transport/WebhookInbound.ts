import {
  type Acceptance,
  AdapterContext,
  type DispatchReport,
  describeError,
  type EventInput,
  inject,
  injectable,
  type JsonReply,
  type JsonRequest,
} from '@switchboard/core';
import type { CompiledMapping } from '../mapping/compileMapping.js';
import { MappingError } from '../mapping/MappingError.js';
import { mapBodies } from '../mapping/mapBodies.js';
import type { WebhookContext } from '../options.js';
import { outcomeSummary } from './outcomeSummary.js';

/**
 * A parsed request body → events: every body of it mapped and checked first, then all accepted, or
 * none (400 `WEBHOOK_INVALID_BODY`, counted). Answers 202 with the ids once they are recorded in the
 * daemon's state store (so a crash from then on loses none: they run after the restart), or with `sync`,
 * 200 with what the rules did (202 `pending` past `syncTimeout`). A body sent again (a sender's retry,
 * also after a restart) is a duplicate by its id: recorded once, its rules run once.
 */
@injectable()
export class WebhookInbound {
  constructor(@inject(AdapterContext) private readonly ctx: WebhookContext) {}

  async handle(payload: unknown, mapping: CompiledMapping, request: JsonRequest): Promise<JsonReply> {
    const { events, options, clock } = this.ctx;
    let mapped: EventInput[];
    try {
      mapped = mapBodies(payload, mapping, {
        source: this.ctx.instance,
        now: new Date(clock.now()),
        maxBatch: options.maxBatch,
      });
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      events.reject('invalid-body', { ip: request.ip, message: error.message });
      return { status: 400, body: { code: error.code, message: error.message } };
    }
    const accepted = mapped.map((e) => e.id);
    let acceptances: readonly Acceptance[];
    try {
      acceptances = await events.accept(mapped);
    } catch (error) {
      // Nothing was recorded: the sender must send the request again (a 5xx is what senders retry).
      this.ctx.logger.error(
        { ids: accepted, err: describeError(error) },
        'webhook events could not be recorded: answered 503, nothing of the request was taken',
      );
      return {
        status: 503,
        headers: { 'retry-after': '5' },
        body: {
          code: 'WEBHOOK_UNAVAILABLE',
          message: 'The events could not be recorded; nothing was taken. Send them again.',
        },
      };
    }
    const duplicates = accepted.filter((_, i) => acceptances[i]?.status === 'duplicate');
    const told = { accepted, ...(duplicates.length > 0 ? { duplicates } : {}) };
    if (!options.sync) return { status: 202, body: told };
    const reports = await settleWithin(
      Promise.all(acceptances.map((acceptance, i) => this.#report(mapped[i] as EventInput, acceptance))),
      options.syncTimeout,
    );
    if (reports === undefined) return { status: 202, body: { ...told, pending: true } };
    return {
      status: 200,
      body: { ...told, events: reports.map((report, i) => outcomeSummary(accepted[i] as string, report)) },
    };
  }

  /** The sync answer's report of one event; a failure to handle it is one too (logged, as core does). */
  async #report(event: EventInput, acceptance: Acceptance): Promise<DispatchReport> {
    switch (acceptance.status) {
      case 'duplicate':
        return { status: 'duplicate', matched: [], outcomes: [] };
      case 'held':
        // Only a warm standby of a leased connection holds events; a web service has no lease. Kept for
        // completeness: such an event runs later, on the node that takes over.
        return { status: 'deferred', matched: [], outcomes: [] };
      case 'rejected':
        return { status: 'rejected', matched: [], outcomes: [], error: acceptance.error };
      case 'accepted':
        try {
          return await acceptance.done;
        } catch (error) {
          const err = describeError(error);
          this.ctx.logger.error({ eventId: event.id, err }, 'handling a webhook event failed');
          return { status: 'rejected', matched: [], outcomes: [], error: err };
        }
    }
  }
}

/** The promise's value, or undefined when `ms` pass first. */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
