import { defaultMaxJsonDepth, isRecord, jsonTextTooDeep } from '@switchboard/core';
import { toSapiEvent } from '../sapi/decodeSapiMessage.js';
import type { SapiEvent } from '../sapi/SapiEvent.js';

/** One Pulsar reader message, its payload decoded into the SAPI event it carries. */
export interface StreamMessage {
  readonly kind: 'message';
  readonly messageId: string;
  readonly event: SapiEvent;
  /** Epoch ms of `publishTime`, when it is a valid date. */
  readonly publishedAt: number | undefined;
  readonly redeliveryCount: number;
}

/** A frame that is not a usable message; `messageId` when the envelope had one (it can still be acknowledged). */
export interface InvalidFrame {
  readonly kind: 'invalid';
  readonly reason: 'malformed-envelope' | 'malformed-payload';
  readonly error: string;
  readonly messageId?: string;
}

export type DecodedFrame = StreamMessage | InvalidFrame;

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Pulsar's ids are tens of characters; anything far longer is not one. */
const maxMessageIdChars = 512;
const tooDeep = `nested deeper than ${defaultMaxJsonDepth} levels`;

const invalid = (reason: InvalidFrame['reason'], error: string, messageId?: string): InvalidFrame =>
  messageId === undefined
    ? { kind: 'invalid', reason, error }
    : { kind: 'invalid', reason, error, messageId };

/** Pulsar writes `messageId` first: enough to acknowledge a frame too large to be parsed. */
const leadingId = /^\s*\{\s*"messageId"\s*:\s*"([A-Za-z0-9+/=]{1,512})"/;

/** The `messageId` at the start of a frame, read without parsing the rest (for an oversized frame). */
export function leadingMessageId(text: string): string | undefined {
  return leadingId.exec(text.slice(0, 1024))?.[1];
}

/**
 * A text frame of Pulsar's reader → the SAPI event in its envelope
 * (`{messageId, payload: base64(JSON), properties, publishTime, redeliveryCount}`). Both the envelope and
 * the payload are depth-limited before parsing; the payload must be strict base64 of one SAPI event
 * document (`{"Interaction": {…}}`). Pure.
 */
export function decodeEnvelope(text: string): DecodedFrame {
  if (jsonTextTooDeep(text)) return invalid('malformed-envelope', `JSON ${tooDeep}`);
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (error) {
    return invalid('malformed-envelope', `not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(envelope)) return invalid('malformed-envelope', 'the frame is not a JSON object');
  const { messageId, payload, properties, publishTime, redeliveryCount } = envelope;
  if (typeof messageId !== 'string' || messageId === '' || messageId.length > maxMessageIdChars) {
    return invalid('malformed-envelope', 'no usable `messageId`');
  }
  if (properties !== undefined && !isRecord(properties)) {
    return invalid('malformed-envelope', '`properties` is not an object', messageId);
  }
  if (typeof payload !== 'string' || !base64.test(payload)) {
    return invalid('malformed-payload', '`payload` is not base64 text', messageId);
  }
  const json = Buffer.from(payload, 'base64').toString('utf8');
  if (jsonTextTooDeep(json))
    return invalid('malformed-payload', `the payload's JSON is ${tooDeep}`, messageId);
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    return invalid(
      'malformed-payload',
      `the payload is not valid JSON: ${(error as Error).message}`,
      messageId,
    );
  }
  const decoded = toSapiEvent(document);
  if (!decoded.ok) return invalid('malformed-payload', decoded.error, messageId);
  const published = typeof publishTime === 'string' ? Date.parse(publishTime) : Number.NaN;
  return {
    kind: 'message',
    messageId,
    event: decoded.event,
    publishedAt: Number.isFinite(published) ? published : undefined,
    redeliveryCount:
      typeof redeliveryCount === 'number' && Number.isSafeInteger(redeliveryCount) ? redeliveryCount : 0,
  };
}
