import { describeError } from '@switchboard/core';
import { EndedInteractions, type SapiMappingState } from '../../mapping/EndedInteractions.js';
import { mapSapiEvent } from '../../mapping/mapSapiEvent.js';
import type { EightByEightContext } from '../../options.js';
import type { CredentialRedactor } from './CredentialRedactor.js';
import { decodeSapiMessage } from './decodeSapiMessage.js';
import { reportedPreviewChars } from './MessageText.js';
import { heartbeatEventType } from './SapiEvent.js';
import type { SapiFrame } from './SapiFrame.js';
import type { SequenceFilter } from './SequenceFilter.js';

/**
 * What a frame carried: no SAPI event; a SAPI event that moved the stream on (past its sequence mark);
 * or another SAPI event (a heartbeat, a replay seen before, one without usable `msgInfo`).
 */
export type FrameOutcome = 'nothing' | 'progress' | 'event';

/**
 * What happens to each frame of the stream: heartbeats and the handshake are noted, a message is
 * decoded, skipped when its sequence was seen, mapped and published. Bad input, and any frame whose
 * handling throws, is rejected (counted, logged with a bounded, redacted preview) and the stream goes
 * on: `onFrame` never throws.
 */
export class SapiInbound {
  readonly #ctx: EightByEightContext;
  readonly #filter: SequenceFilter;
  readonly #redactor: CredentialRedactor;
  /** Kept across sessions: a call's later legs may come after a resubscribe. */
  readonly #state: SapiMappingState = { endedInteractions: new EndedInteractions() };

  /** `redactor`: previews of rejected text go through it. */
  constructor(ctx: EightByEightContext, filter: SequenceFilter, redactor: CredentialRedactor) {
    this.#ctx = ctx;
    this.#filter = filter;
    this.#redactor = redactor;
  }

  /** Handles one frame; says what it carried. */
  onFrame(frame: SapiFrame): FrameOutcome {
    try {
      return this.#onFrame(frame);
    } catch (error) {
      this.#reject('sapi-unmappable-event', { error: describeError(error) });
      return 'nothing';
    }
  }

  #onFrame(frame: SapiFrame): FrameOutcome {
    switch (frame.kind) {
      case 'heartbeat':
        return 'nothing';
      case 'handshake':
        this.#ctx.logger.debug({ uuid: frame.uuid }, 'SAPI Atmosphere handshake');
        return 'nothing';
      case 'unknown':
        this.#reject('sapi-unexpected-text', { chars: frame.chars, text: frame.text });
        return 'nothing';
      case 'invalid':
        this.#reject(`sapi-${frame.reason}-message`, {
          error: frame.error,
          chars: frame.chars,
          text: frame.text,
        });
        return 'nothing';
      case 'message':
        return this.#onMessage(frame.text, frame.format);
    }
  }

  /** One message; whatever goes wrong with it is rejected input, never the end of the stream. */
  #onMessage(text: string, format: 'json' | 'xml'): FrameOutcome {
    try {
      return this.#handleMessage(text, format);
    } catch (error) {
      this.#reject('sapi-unmappable-event', { error: describeError(error), chars: text.length, text });
      return 'nothing';
    }
  }

  #handleMessage(text: string, format: 'json' | 'xml'): FrameOutcome {
    const { events, logger, instance, clock } = this.#ctx;
    const decoded = decodeSapiMessage(text, format);
    if (!decoded.ok) {
      this.#reject('sapi-malformed-message', { error: decoded.error, chars: text.length, text });
      return 'nothing';
    }
    const event = decoded.event;
    // A heartbeat fires nothing, and its msgInfo says nothing about events: it never touches the marks.
    if (event.type === heartbeatEventType) return 'event';
    let outcome: FrameOutcome = 'event';
    if (event.msgInfo) {
      const verdict = this.#filter.accept(event.msgInfo);
      if (verdict.kind === 'seen') {
        logger.debug({ ...event.msgInfo, type: event.type }, 'SAPI event seen before; skipped');
        return 'event';
      }
      if (verdict.kind === 'unordered') {
        logger.warn(
          { ...event.msgInfo, type: event.type, reason: verdict.reason },
          'SAPI event with an out-of-range msgInfo: handled, but not used to de-duplicate',
        );
      } else outcome = 'progress';
    }
    const mapped = mapSapiEvent(event, { source: instance, now: new Date(clock.now()) }, this.#state);
    if (!mapped.ok) {
      events.reject('sapi-unmappable-event', { type: event.type, reason: mapped.reason });
      return outcome;
    }
    events.publish(mapped.events);
    return outcome;
  }

  /** Counts and logs rejected input; any text in `detail` is redacted, then cut to a preview. */
  #reject(reason: string, detail: { error?: string; chars?: number; text?: string }): void {
    const { text, ...rest } = detail;
    const redactor = this.#redactor;
    this.#ctx.events.reject(reason, {
      ...rest,
      ...(rest.error !== undefined ? { error: redactor.redact(rest.error) } : {}),
      ...(text !== undefined ? { text: redactor.redact(text).slice(0, reportedPreviewChars) } : {}),
    });
  }
}
