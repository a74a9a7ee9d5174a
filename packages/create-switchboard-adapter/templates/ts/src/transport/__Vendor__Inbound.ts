import { AdapterContext, inject, injectable, jsonTextTooDeep } from '@switchboard/core';
import { map__Vendor__Event } from '../mapping/map__Vendor__Event.js';
import type { __Vendor__Context } from '../options.js';

/** Every frame from the server: parsed, mapped and published, or rejected (counted, logged, never fatal). */
@injectable()
export class __Vendor__Inbound {
  constructor(@inject(AdapterContext) private readonly ctx: __Vendor__Context) {}

  handle(frame: string): void {
    const { events, clock } = this.ctx;
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
    events.publish(result.event);
  }
}
