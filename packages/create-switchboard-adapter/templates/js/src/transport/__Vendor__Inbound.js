import { describeError, jsonTextTooDeep } from '@switchboard/core';
import { map__Vendor__Event } from '../mapping/map__Vendor__Event.js';

/** Every frame from the server: parsed, mapped and published, or rejected (counted, logged, never fatal). */
export class __Vendor__Inbound {
  /** @param {import('@switchboard/core').InstanceContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
  }

  /**
   * `events` is the events port of the connection attempt the frame came on (`attempt.events`): with several
   * nodes on Redis it holds a standby's events back and fences the holder's commits.
   * @param {string} frame
   * @param {import('@switchboard/core').AdapterEvents} [events]
   */
  handle(frame, events = this.ctx.events) {
    const { clock, logger } = this.ctx;
    if (jsonTextTooDeep(frame)) {
      events.reject('too-deep', { bytes: frame.length });
      return;
    }
    let payload;
    try {
      payload = JSON.parse(frame);
    } catch (error) {
      events.reject('invalid-json', { error: error.message });
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
          acceptance.done.catch((error) => {
            logger.error({ eventId: event.id, err: describeError(error) }, 'handling an event failed');
          });
        }
      },
      (error) => {
        logger.error(
          { eventId: event.id, type: event.type, err: describeError(error) },
          'a __Vendor__ event could not be recorded, so its rules did not run',
        );
      },
    );
  }
}
