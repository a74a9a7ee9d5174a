import {
  type Clock,
  CoreTokens,
  describeError,
  type InstanceEvents,
  InstanceTokens,
  inject,
  injectable,
  type Logger,
} from '@switchboard/core';
import { mapXcallyEvent } from './mapping/mapXcallyEvent.js';
import type { XcallyOptions } from './XcallyOptions.js';

const clip = (text: string): string => (text.length > 64 ? `${text.slice(0, 61)}...` : text);

/**
 * Every message from xcally-realtime: mapped and published, or rejected (counted, logged, never
 * fatal). Numbers sent where the docs say strings are converted and reported once per field.
 */
@injectable()
export class XcallyInbound {
  readonly #converted = new Set<string>();

  constructor(
    @inject(InstanceTokens.Events) private readonly events: InstanceEvents,
    @inject(InstanceTokens.Logger) private readonly logger: Logger,
    @inject(InstanceTokens.Options) private readonly options: XcallyOptions,
    @inject(CoreTokens.Clock) private readonly clock: Clock,
  ) {}

  handle(name: string, args: readonly unknown[]): void {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as () => void) : undefined;
    ack?.();
    const result = mapXcallyEvent(args[0], { now: new Date(this.clock.now()), limits: this.options.limits });
    if (!result.ok) {
      const { reason, field, message } = result.problem;
      this.events.reject(reason, { socketEvent: clip(name), ...(field ? { field } : {}), error: message });
      return;
    }
    for (const field of result.converted) {
      if (this.#converted.has(field)) continue;
      this.#converted.add(field);
      this.logger.warn({ field }, `xcally-realtime sends \`${field}\` as a number; converted to text`);
    }
    this.events.publish(result.event).catch((error: unknown) => {
      this.logger.error(
        { err: describeError(error), eventId: result.event.id },
        'publishing an xCALLY event failed',
      );
    });
  }
}
