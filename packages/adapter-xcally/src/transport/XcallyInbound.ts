import { AdapterContext, inject, injectable } from '@switchboard/core';
import { mapXcallyEvent } from '../mapping/mapXcallyEvent.js';
import type { XcallyContext } from '../options.js';

const clip = (text: string): string => (text.length > 64 ? `${text.slice(0, 61)}...` : text);

/**
 * Every message from xcally-realtime: acknowledged when the server asked, mapped and published, or
 * rejected (counted, logged, never fatal). Numbers sent where the docs say strings are converted and
 * reported once per field.
 */
@injectable()
export class XcallyInbound {
  readonly #converted = new Set<string>();

  constructor(@inject(AdapterContext) private readonly ctx: XcallyContext) {}

  handle(name: string, args: readonly unknown[]): void {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as () => void) : undefined;
    ack?.();
    const { events, options, clock, logger } = this.ctx;
    const result = mapXcallyEvent(args[0], { now: new Date(clock.now()), limits: options.limits });
    if (!result.ok) {
      const { reason, field, message } = result.problem;
      events.reject(reason, { socketEvent: clip(name), ...(field ? { field } : {}), error: message });
      return;
    }
    for (const field of result.converted) {
      if (this.#converted.has(field)) continue;
      this.#converted.add(field);
      logger.warn({ field }, `xcally-realtime sends \`${field}\` as a number; converted to text`);
    }
    events.publish(result.event);
  }
}
