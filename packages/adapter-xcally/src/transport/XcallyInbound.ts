import { AdapterContext, type AdapterEvents, describeError, inject, injectable } from '@switchboard/core';
import { mapXcallyEvent } from '../mapping/mapXcallyEvent.js';
import type { XcallyContext } from '../options.js';

const clip = (text: string): string => (text.length > 64 ? `${text.slice(0, 61)}...` : text);

/**
 * Every message from xcally-realtime: mapped and accepted (recorded in core's event ledger, durably with a
 * state folder, so a restart runs it again when its actions had not finished), or rejected (counted,
 * logged, never fatal). When the server asked for an acknowledgement, it gets it once the event is
 * recorded (or rejected): an acknowledged event is never lost. Numbers sent where the docs say strings are
 * converted and reported once per field.
 */
@injectable()
export class XcallyInbound {
  readonly #converted = new Set<string>();

  constructor(@inject(AdapterContext) private readonly ctx: XcallyContext) {}

  /**
   * `events` is the events port of the connection attempt the message came on (`ConnectAttempt.events`):
   * with several nodes it holds a warm standby's events back and fences the holder's commits.
   */
  handle(name: string, args: readonly unknown[], events: AdapterEvents = this.ctx.events): void {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as () => void) : undefined;
    const { options, clock, logger } = this.ctx;
    const result = mapXcallyEvent(args[0], { now: new Date(clock.now()), limits: options.limits });
    if (!result.ok) {
      const { reason, field, message } = result.problem;
      events.reject(reason, { socketEvent: clip(name), ...(field ? { field } : {}), error: message });
      ack?.();
      return;
    }
    for (const field of result.converted) {
      if (this.#converted.has(field)) continue;
      this.#converted.add(field);
      logger.warn({ field }, `xcally-realtime sends \`${field}\` as a number; converted to text`);
    }
    const { event } = result;
    events.accept(event).then(
      (acceptances) => {
        ack?.();
        for (const acceptance of acceptances) {
          if (acceptance.status !== 'accepted') continue;
          acceptance.done.catch((error: unknown) => {
            logger.error({ eventId: event.id, err: describeError(error) }, 'handling an event failed');
          });
        }
      },
      (error: unknown) => {
        // Not acknowledged: a server that asked may send it again; xcally-realtime itself replays nothing.
        logger.error(
          { eventId: event.id, type: event.type, err: describeError(error) },
          'an xCALLY event could not be recorded, so its rules did not run',
        );
      },
    );
  }
}
