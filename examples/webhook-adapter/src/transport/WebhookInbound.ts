import {
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
 * A parsed request body → events: every body of it mapped and checked first, then all published, or
 * none (400 `WEBHOOK_INVALID_BODY`, counted). Answers 202 with the accepted ids at once, or with
 * `sync`, 200 with what the rules did (202 `pending` past `syncTimeout`).
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
    if (!options.sync) {
      events.publish(mapped);
      return { status: 202, body: { accepted } };
    }
    const reports = await settleWithin(
      Promise.all(mapped.map((e) => this.#publishAndWait(e))),
      options.syncTimeout,
    );
    if (reports === undefined) return { status: 202, body: { accepted, pending: true } };
    return {
      status: 200,
      body: { accepted, events: reports.map((report, i) => outcomeSummary(accepted[i] as string, report)) },
    };
  }

  /** The sync answer's report; a failure to handle the event is one too (logged, as core does for `publish`). */
  async #publishAndWait(event: EventInput): Promise<DispatchReport> {
    try {
      return await this.ctx.events.publishAndWait(event);
    } catch (error) {
      const err = describeError(error);
      this.ctx.logger.error({ eventId: event.id, err }, 'publishing a webhook event failed');
      return { status: 'rejected', matched: [], outcomes: [], error: err };
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
