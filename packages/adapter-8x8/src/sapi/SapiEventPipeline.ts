import { type Clock, describeError, type InstanceEvents, type Logger } from '@switchboard/core';
import { mapSapiEvent } from '../mapping/mapSapiEvent.js';
import { decodeSapiMessage } from './decodeSapiMessage.js';
import type { SapiFrame } from './SapiFrame.js';
import type { SequenceFilter } from './SequenceFilter.js';

export interface SapiEventPipelineDeps {
  readonly instance: string;
  readonly events: InstanceEvents;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly filter: SequenceFilter;
}

const preview = (text: string): string => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

/**
 * What happens to each frame of the stream: heartbeats and the handshake are noted, a message is
 * decoded, skipped when its sequence was seen, mapped and published. Bad input is rejected (counted,
 * logged) and the stream goes on.
 */
export class SapiEventPipeline {
  readonly #deps: SapiEventPipelineDeps;

  constructor(deps: SapiEventPipelineDeps) {
    this.#deps = deps;
  }

  onFrame(frame: SapiFrame): void {
    const { events, logger } = this.#deps;
    switch (frame.kind) {
      case 'heartbeat':
        return;
      case 'handshake':
        logger.debug({ uuid: frame.uuid }, 'SAPI Atmosphere handshake');
        return;
      case 'unknown':
        events.reject('sapi-unexpected-text', { text: preview(frame.text) });
        return;
      case 'message':
        this.#onMessage(frame.text, frame.format);
    }
  }

  /** The stream ended in the middle of a message: it is dropped (SAPI replays it on resubscribe). */
  dropPartial(partial: string): void {
    if (partial === '') return;
    this.#deps.events.reject('sapi-partial-message', { chars: partial.length, text: preview(partial) });
  }

  #onMessage(text: string, format: 'json' | 'xml'): void {
    const { events, logger, filter, instance, clock } = this.#deps;
    const decoded = decodeSapiMessage(text, format);
    if (!decoded.ok) {
      events.reject('sapi-malformed-message', { error: decoded.error, text: preview(text) });
      return;
    }
    const event = decoded.event;
    if (event.msgInfo && !filter.accept(event.msgInfo)) {
      logger.debug({ ...event.msgInfo, type: event.type }, 'SAPI event seen before; skipped');
      return;
    }
    const mapped = mapSapiEvent(event, { source: instance, now: new Date(clock.now()) });
    if (!mapped.ok) {
      events.reject('sapi-unmappable-event', { type: event.type, reason: mapped.reason });
      return;
    }
    for (const input of mapped.events) {
      events.publish(input).catch((error: unknown) => {
        logger.error({ err: describeError(error), eventId: input.id }, 'publishing a SAPI event failed');
      });
    }
  }
}
