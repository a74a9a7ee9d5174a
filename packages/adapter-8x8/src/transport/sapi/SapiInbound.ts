import { type Clock, describeError, type InstanceEvents, type Logger } from '@switchboard/core';
import { EndedInteractions, type SapiMappingState } from '../mapping/EndedInteractions.js';
import { mapSapiEvent } from '../mapping/mapSapiEvent.js';
import type { CredentialRedactor } from './CredentialRedactor.js';
import { decodeSapiMessage } from './decodeSapiMessage.js';
import { reportedPreviewChars } from './MessageText.js';
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
 * decoded, skipped when its sequence was seen, mapped and published. Bad input, and any frame whose
 * handling throws, is rejected (counted, logged with a bounded, redacted preview) and the stream goes
 * on: `onFrame` never throws.
 */
export class SapiEventPipeline {
  readonly #deps: SapiEventPipelineDeps;
  /** Kept across sessions: a call's later legs may come after a resubscribe. */
  readonly #state: SapiMappingState = { endedInteractions: new EndedInteractions() };

  constructor(deps: SapiEventPipelineDeps) {
    this.#deps = deps;
  }

  /** Handles one frame; true when it carried a SAPI event (heartbeat events included). */
  onFrame(frame: SapiFrame): boolean {
    try {
      return this.#onFrame(frame);
    } catch (error) {
      this.#reject('sapi-unmappable-event', { error: describeError(error) });
      return false;
    }
  }

  #onFrame(frame: SapiFrame): boolean {
    switch (frame.kind) {
      case 'heartbeat':
        return false;
      case 'handshake':
        this.#deps.logger.debug({ uuid: frame.uuid }, 'SAPI Atmosphere handshake');
        return false;
      case 'unknown':
        this.#reject('sapi-unexpected-text', { chars: frame.chars, text: frame.text });
        return false;
      case 'invalid':
        this.#reject(`sapi-${frame.reason}-message`, {
          error: frame.error,
          chars: frame.chars,
          text: frame.text,
        });
        return false;
      case 'message':
        return this.#onMessage(frame.text, frame.format);
    }
  }

  /** One message; whatever goes wrong with it is rejected input, never the end of the stream. */
  #onMessage(text: string, format: 'json' | 'xml'): boolean {
    try {
      return this.#handleMessage(text, format);
    } catch (error) {
      this.#reject('sapi-unmappable-event', { error: describeError(error), chars: text.length, text });
      return false;
    }
  }

  /** True when the text decoded into a SAPI event. */
  #handleMessage(text: string, format: 'json' | 'xml'): boolean {
    const { events, logger, filter, instance, clock } = this.#deps;
    const decoded = decodeSapiMessage(text, format);
    if (!decoded.ok) {
      this.#reject('sapi-malformed-message', { error: decoded.error, chars: text.length, text });
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

  /** Counts and logs rejected input; any text in `detail` is redacted, then cut to a preview. */
  #reject(reason: string, detail: { error?: string; chars?: number; text?: string }): void {
    const { text, ...rest } = detail;
    const redactor = this.#deps.redactor;
    this.#deps.events.reject(reason, {
      ...rest,
      ...(rest.error !== undefined ? { error: redactor.redact(rest.error) } : {}),
      ...(text !== undefined ? { text: redactor.redact(text).slice(0, reportedPreviewChars) } : {}),
    });
  }
}
