import { jsonTextTooDeep } from '@switchboard/core';
import { map__Vendor__Event } from '../mapping/map__Vendor__Event.js';

/** Every frame from the server: parsed, mapped and published, or rejected (counted, logged, never fatal). */
export class __Vendor__Inbound {
  /** @param {import('@switchboard/core').InstanceContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
  }

  /** @param {string} frame */
  handle(frame) {
    const { events, clock } = this.ctx;
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
    events.publish(result.event);
  }
}
