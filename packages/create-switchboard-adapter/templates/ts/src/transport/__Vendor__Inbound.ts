import {
  AdapterContext,
  type AdapterEvents,
  describeError,
  inject,
  injectable,
  jsonTextTooDeep,
} from '@switchboard/core';
import { map__Vendor__Event } from '../mapping/map__Vendor__Event.js';
import type { __Vendor__Context } from '../options.js';

/** Every frame from the server: parsed, mapped and published, or rejected (counted, logged, never fatal). */
@injectable()
export class __Vendor__Inbound {
  constructor(@inject(AdapterContext) private readonly ctx: __Vendor__Context) {}

  /**
   * `events` is the events port of the connection attempt the frame came on (`attempt.events`): with several
   * nodes on Redis it holds a standby's events back and fences the holder's commits.
   */
  handle(frame: string, events: AdapterEvents = this.ctx.events): void {
    const { clock, logger } = this.ctx;
    if (jsonTextTooDeep(frame)) {
      events.reject('too-deep', { bytes: frame.length });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(frame);
    } catch (error) {
      events.reject('invalid-json', { error: (error as Error).message });
      return;
    }
    const result = map__Vendor__Event(payload, { adapter: '__vendor__', now: new Date(clock.now()) });
    if (!result.ok) {
      events.reject(result.reason, { error: result.message });
      return;
    }
    const { event } = result;
    // Recorded before its rules run: a restart re-runs what was accepted and not yet done.
    events.accept(event).then(
      (acceptances) => {
        for (const acceptance of acceptances) {
          if (acceptance.status !== 'accepted') continue;
          acceptance.done.catch((error: unknown) => {
            logger.error({ eventId: event.id, err: describeError(error) }, 'handling an event failed');
          });
        }
      },
      (error: unknown) => {
        logger.error(
          { eventId: event.id, type: event.type, err: describeError(error) },
          'a __Vendor__ event could not be recorded, so its rules did not run',
        );
      },
    );
  }
}
