import { type Clock, describeError, type InstanceEvents, type Logger } from '@switchboard/core';
import { EndedInteractions, type SapiMappingState } from '../mapping/EndedInteractions.js';
import { mapSapiEvent } from '../mapping/mapSapiEvent.js';
import type { CredentialRedactor } from './CredentialRedactor.js';
import { decodeSapiMessage } from './decodeSapiMessage.js';
import { heartbeatEventType } from './SapiEvent.js';
import type { SapiFrame } from './SapiFrame.js';
import type { SequenceFilter } from './SequenceFilter.js';

export interface SapiEventPipelineDeps {
  readonly instance: string;
  readonly events: InstanceEvents;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly filter: SequenceFilter;
  /** Previews of rejected text go through it. */
  readonly redactor: CredentialRedactor;
}

/**
 * What happens to each frame of the stream: heartbeats and the handshake are noted, a message is
 * decoded, skipped when its sequence was seen, mapped and published. Bad input, and any message whose
 * handling throws, is rejected (counted, logged) and the stream goes on.
 */
export class SapiEventPipeline {
  readonly #deps: SapiEventPipelineDeps;
  /** Kept across sessions: a call's later legs may come after a resubscribe. */
  readonly #state: SapiMappingState = { endedInteractions: new EndedInteractions() };

  constructor(deps: SapiEventPipelineDeps) {
    this.#deps = deps;
  }

  /** A bounded preview of rejected text, credentials masked before it is cut. */
  #preview(text: string): string {
    const masked = this.#deps.redactor.redact(text);
    return masked.length > 120 ? `${masked.slice(0, 117)}...` : masked;
  }

  /** Handles one frame; true when it carried a SAPI event (heartbeat events included). */
  onFrame(frame: SapiFrame): boolean {
    const { events, logger } = this.#deps;
    switch (frame.kind) {
      case 'heartbeat':
        return false;
      case 'handshake':
        logger.debug({ uuid: frame.uuid }, 'SAPI Atmosphere handshake');
        return false;
      case 'unknown':
        events.reject('sapi-unexpected-text', { text: this.#preview(frame.text) });
        return false;
      case 'message':
        return this.#onMessage(frame.text, frame.format);
    }
  }

  /** The stream ended in the middle of a message: it is dropped (SAPI replays it on resubscribe). */
  dropPartial(partial: string): void {
    if (partial === '') return;
    this.#deps.events.reject('sapi-partial-message', { chars: partial.length, text: this.#preview(partial) });
  }

  /** One message; whatever goes wrong with it is rejected input, never the end of the stream. */
  #onMessage(text: string, format: 'json' | 'xml'): boolean {
    try {
      return this.#handleMessage(text, format);
    } catch (error) {
      this.#deps.events.reject('sapi-unmappable-event', {
        error: this.#deps.redactor.redact(describeError(error)),
        text: this.#preview(text),
      });
      return false;
    }
  }

  /** True when the text decoded into a SAPI event. */
  #handleMessage(text: string, format: 'json' | 'xml'): boolean {
    const { events, logger, filter, instance, clock } = this.#deps;
    const decoded = decodeSapiMessage(text, format);
    if (!decoded.ok) {
      events.reject('sapi-malformed-message', {
        error: this.#deps.redactor.redact(decoded.error),
        text: this.#preview(text),
      });
      return false;
    }
    const event = decoded.event;
    // A heartbeat fires nothing, and its msgInfo says nothing about events: it never touches the marks.
    if (event.type === heartbeatEventType) return true;
    if (event.msgInfo) {
      const verdict = filter.accept(event.msgInfo);
      if (verdict.kind === 'seen') {
        logger.debug({ ...event.msgInfo, type: event.type }, 'SAPI event seen before; skipped');
        return true;
      }
      if (verdict.kind === 'unordered') {
        logger.warn(
          { ...event.msgInfo, type: event.type, reason: verdict.reason },
          'SAPI event with an out-of-range msgInfo: handled, but not used to de-duplicate',
        );
      }
    }
    const mapped = mapSapiEvent(event, { source: instance, now: new Date(clock.now()) }, this.#state);
    if (!mapped.ok) {
      events.reject('sapi-unmappable-event', { type: event.type, reason: mapped.reason });
      return true;
    }
    for (const input of mapped.events) {
      events.publish(input).catch((error: unknown) => {
        logger.error({ err: describeError(error), eventId: input.id }, 'publishing a SAPI event failed');
      });
    }
    return true;
  }
}
