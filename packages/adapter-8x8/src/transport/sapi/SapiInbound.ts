import { type AdapterEvents, ConnectionError, describeError, type EventInput } from '@switchboard/core';
import { EndedInteractions } from '../../mapping/EndedInteractions.js';
import { mapSapiEvent } from '../../mapping/mapSapiEvent.js';
import type { EightByEightContext } from '../../options.js';
import type { CredentialRedactor } from './CredentialRedactor.js';
import { decodeSapiMessage } from './decodeSapiMessage.js';
import { reportedPreviewChars } from './MessageText.js';
import { heartbeatEventType } from './SapiEvent.js';
import type { SapiFrame } from './SapiFrame.js';
import { type HighWaterMark, type SequenceFilter, sequenceMarksKey } from './SequenceFilter.js';

/**
 * What a frame carried: no SAPI event; a SAPI event that moved the stream on (past its sequence mark);
 * or another SAPI event (a heartbeat, a replay seen before, one without usable `msgInfo`).
 */
export type FrameOutcome = 'nothing' | 'progress' | 'event';

/** What the frames of one chunk carried: how many SAPI events, and whether one moved the stream on. */
export interface ChunkOutcome {
  readonly events: number;
  readonly progress: boolean;
}

const trusted = true;

/** The events of one chunk's messages, and whether one of them moved the marks. */
interface Batch {
  readonly events: EventInput[];
  moved: boolean;
}

/** The session a frame came on: `fail` breaks it (core resubscribes, SAPI replays from the marks). */
export interface IntakeSession {
  /**
   * The events port of the connection attempt (`ConnectAttempt.events`): with several nodes it fences the
   * holder's commits and tags pending events with its lease, so a takeover re-runs them.
   */
  readonly events: AdapterEvents;
  readonly failed: boolean;
  fail(error: ConnectionError): void;
}

/**
 * What happens to each frame of the stream: heartbeats and the handshake are noted, a message is
 * decoded, skipped when its sequence was seen, and mapped; the events of the messages of one chunk are
 * handed to core's `accept` together, with the sequence marks they moved as the resume point: the
 * durable marks pass a message only in the commit that records its events (or, for one that maps to
 * none, on their own). Bad input, and any frame whose handling
 * throws, is rejected (counted, logged with a bounded, redacted preview) and the stream goes on:
 * `onFrame` never throws. When the store cannot record, the marks go back to the last ones recorded and
 * the session is broken: the resubscription gets SAPI's replay, and the events come again.
 */
export class SapiInbound {
  readonly #ctx: EightByEightContext;
  readonly #filter: SequenceFilter;
  readonly #redactor: CredentialRedactor;
  /** Kept across sessions (and, in the instance's state, restarts): a call's later legs may come after a resubscribe. */
  readonly #ended: EndedInteractions;
  /** Accepts not settled yet (`settled` waits for them). */
  readonly #inFlight = new Set<Promise<void>>();
  /** The marks of the last accept that was recorded, and its number (accepts commit in order). */
  #recorded: { readonly n: number; readonly marks: Readonly<Record<string, HighWaterMark>> };
  #accepts = 0;

  /** `redactor`: previews of rejected text go through it. `filter` is loaded. */
  constructor(ctx: EightByEightContext, filter: SequenceFilter, redactor: CredentialRedactor) {
    this.#ctx = ctx;
    this.#filter = filter;
    this.#redactor = redactor;
    this.#ended = new EndedInteractions(undefined, ctx.state);
    this.#recorded = { n: 0, marks: filter.marks() };
  }

  /** Reads what the instance's state keeps for mapping (ended interactions). */
  load(): Promise<void> {
    return this.#ended.load();
  }

  /** Resolves once every message handled so far is recorded or refused by core. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /**
   * Handles the frames one chunk of `session`'s stream completed, in order, and hands all their events to
   * core in one `accept` (one commit), with the marks as they stand after the last of them. Says how many
   * SAPI events the frames carried and whether one moved the stream on.
   */
  onFrames(frames: readonly SapiFrame[], session: IntakeSession): ChunkOutcome {
    const batch: Batch = { events: [], moved: false };
    let events = 0;
    let progress = false;
    for (const frame of frames) {
      // A broken session's last frames come again with the replay.
      if (session.failed) break;
      let outcome: FrameOutcome;
      try {
        outcome = this.#onFrame(frame, batch);
      } catch (error) {
        this.#reject('sapi-unmappable-event', { error: describeError(error) });
        outcome = 'nothing';
      }
      if (outcome !== 'nothing') events += 1;
      if (outcome === 'progress') progress = true;
    }
    if (!session.failed) this.#accept(batch.events, batch.moved, session);
    return { events, progress };
  }

  #onFrame(frame: SapiFrame, batch: Batch): FrameOutcome {
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
        return this.#onMessage(frame, batch);
    }
  }

  /** One message; whatever goes wrong with it is rejected input, never the end of the stream. */
  #onMessage(frame: Extract<SapiFrame, { kind: 'message' }>, batch: Batch): FrameOutcome {
    try {
      return this.#handleMessage(frame, batch);
    } catch (error) {
      const { text } = frame;
      this.#reject('sapi-unmappable-event', { error: describeError(error), chars: text.length, text });
      return 'nothing';
    }
  }

  #handleMessage(frame: Extract<SapiFrame, { kind: 'message' }>, batch: Batch): FrameOutcome {
    const { events, logger, instance, clock } = this.#ctx;
    const { text, format } = frame;
    const decoded = decodeSapiMessage(text, format, frame.depth);
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
    const mapping = { endedInteractions: this.#ended };
    const mapped = mapSapiEvent(event, { source: instance, now: new Date(clock.now()) }, mapping);
    if (!mapped.ok) events.reject('sapi-unmappable-event', { type: event.type, reason: mapped.reason });
    // A message that maps to no event still moves its mark, so the replay does not bring it again.
    if (mapped.ok) for (const one of mapped.events) batch.events.push(one);
    if (outcome === 'progress') batch.moved = true;
    return outcome;
  }

  /**
   * Hands a chunk's events to core with the marks as resume point when a message moved them. Accepts are
   * issued in stream order and commit in that order.
   */
  #accept(mapped: readonly EventInput[], moved: boolean, session: IntakeSession): void {
    if (mapped.length === 0 && !moved) return;
    const n = ++this.#accepts;
    const marks = moved ? this.#filter.marks() : undefined;
    const ended = this.#ended.take();
    // `trusted`: mapSapiEvent only builds schema-valid events within the depth limit (its property test
    // maps any vendor frame and checks every event as core would), so core does not check them again.
    const accepting = session.events
      .accept(mapped, marks ? { resume: { key: sequenceMarksKey, value: marks }, trusted } : { trusted })
      .then(
        () => {
          if (marks && n > this.#recorded.n) this.#recorded = { n, marks };
          return this.#ended.persist(ended).catch((error: unknown) => {
            this.#ctx.logger.warn(
              { err: describeError(error) },
              'an ended SAPI interaction could not be kept in the state store; a later leg after a restart may not be seen as ended',
            );
          });
        },
        (error: unknown) => this.#notRecorded(error, ended, session),
      );
    this.#inFlight.add(accepting);
    void accepting.finally(() => this.#inFlight.delete(accepting));
  }

  /** Core could not record a message: nothing of it may count as seen; the replay brings it again. */
  #notRecorded(error: unknown, ended: readonly string[], session: IntakeSession): void {
    this.#ended.forget(ended);
    if (session.failed) return;
    this.#filter.restore(this.#recorded.marks);
    const message = `SAPI events could not be recorded: ${describeError(error)}; resubscribing to get them again`;
    this.#ctx.logger.error({ err: describeError(error) }, message);
    session.fail(ConnectionError.notConnected(message, { code: 'SWB_STATE_UNAVAILABLE', cause: error }));
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
