import type { AdapterEvents, EventInput } from '@switchboard/core';
import { EndedInteractions, type SapiMappingState } from '../../mapping/EndedInteractions.js';
import { mapSapiEvent } from '../../mapping/mapSapiEvent.js';
import { sapiEventId } from '../../mapping/sapiEventMeta.js';
import type { EightByEightContext } from '../../options.js';
import type { CredentialRedactor } from '../sapi/CredentialRedactor.js';
import { decodeEnvelope, leadingMessageId, type StreamMessage } from './decodeEnvelope.js';

/** The instance state key of the resume point: the id of the last message durably recorded. */
export const resumeKey = 'stream.resume';

/** Characters of a rejected frame that are reported: enough to recognise it, never the whole. */
const previewChars = 120;

/** What a batch of frames came to once recorded: the ids to acknowledge, in order, and the resume point. */
export interface RecordedBatch {
  readonly ackIds: readonly string[];
  /** The last message id of the batch, now the durable resume point; undefined when no frame had one. */
  readonly resumeId: string | undefined;
  /** Frames that carried a SAPI event (heartbeats included). */
  readonly messages: number;
}

/**
 * What happens to the reader's frames: each envelope is decoded, its payload mapped with the SAPI
 * mapping (the same functions SAPI uses: same events, same ids), and the whole batch recorded with one
 * `accept`, whose commit also moves the resume point past the batch. Only then are the messages
 * acknowledged. A frame that is not a usable message costs only itself: counted, logged with a short
 * redacted preview, acknowledged when it has an id (so it is not read again), and the stream goes on.
 */
export class EventStreamInbound {
  readonly #ctx: EightByEightContext;
  readonly #redactor: CredentialRedactor;
  /** Kept across sessions: a call's later legs may come after a reconnect. */
  readonly #state: SapiMappingState = { endedInteractions: new EndedInteractions() };

  readonly #maxMessageBytes: number;

  /** `maxMessageBytes`: a larger frame is rejected unparsed (and still acknowledged when its id can be read). */
  constructor(ctx: EightByEightContext, redactor: CredentialRedactor, maxMessageBytes: number) {
    this.#ctx = ctx;
    this.#redactor = redactor;
    this.#maxMessageBytes = maxMessageBytes;
  }

  /**
   * Records a batch of text frames (in arrival order) through `port`, the connection attempt's events port
   * (it fences the holder's commits when several nodes share the state). Resolves once the events and the
   * resume point are durable; rejects when the store could not commit (then nothing may be acknowledged).
   */
  async record(frames: readonly string[], port: AdapterEvents = this.#ctx.events): Promise<RecordedBatch> {
    const events: EventInput[] = [];
    const ackIds: string[] = [];
    let messages = 0;
    for (const text of frames) {
      if (Buffer.byteLength(text) > this.#maxMessageBytes) {
        const messageId = leadingMessageId(text);
        this.#reject(
          'stream-oversized-message',
          `longer than ${this.#maxMessageBytes} bytes`,
          text,
          messageId,
        );
        if (messageId !== undefined) ackIds.push(messageId);
        continue;
      }
      const decoded = decodeEnvelope(text);
      if (decoded.kind === 'invalid') {
        this.#reject(`stream-${decoded.reason}`, decoded.error, text, decoded.messageId);
        if (decoded.messageId !== undefined) ackIds.push(decoded.messageId);
        continue;
      }
      messages += 1;
      ackIds.push(decoded.messageId);
      events.push(...this.#map(decoded, text));
    }
    const resumeId = ackIds.at(-1);
    if (resumeId === undefined) return { ackIds, resumeId, messages };
    await port.accept(events, { resume: { key: resumeKey, value: resumeId } });
    return { ackIds, resumeId, messages };
  }

  /** One message's events; an event that cannot be mapped is rejected (and still acknowledged). */
  #map(message: StreamMessage, text: string): readonly EventInput[] {
    const { instance, clock } = this.#ctx;
    const now = new Date(message.publishedAt ?? clock.now());
    let mapped: ReturnType<typeof mapSapiEvent>;
    try {
      mapped = mapSapiEvent(message.event, { source: instance, now }, this.#state);
    } catch (error) {
      this.#reject('stream-unmappable-event', (error as Error).message, text, message.messageId);
      return [];
    }
    if (!mapped.ok) {
      this.#reject('stream-unmappable-event', mapped.reason, text, message.messageId);
      return [];
    }
    if (message.event.msgInfo) return mapped.events;
    // Without `msgInfo` the SAPI id would be a content hash (two equal events would be one): the
    // message id names this message, and is the same when Pulsar delivers it again.
    const contentId = sapiEventId(message.event);
    return mapped.events.map((e) => (e.id === contentId ? { ...e, id: `pulsar:${message.messageId}` } : e));
  }

  #reject(reason: string, error: string, text: string, messageId: string | undefined): void {
    const redactor = this.#redactor;
    this.#ctx.events.reject(reason, {
      error: redactor.redact(error),
      chars: text.length,
      text: redactor.redact(text).slice(0, previewChars),
      ...(messageId !== undefined ? { messageId } : {}),
    });
  }
}
