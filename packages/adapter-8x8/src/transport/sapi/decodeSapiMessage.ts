import { defaultMaxJsonDepth, isRecord, jsonTextTooDeep, valueTooDeep } from '@switchboard/core';
import { XMLParser } from 'fast-xml-parser';
import { jsonScalar } from './jsonScalar.js';
import { normalizeOwnedSapiBody, normalizeSapiBody, readMsgInfo } from './normalizeSapiBody.js';
import type { SapiEvent } from './SapiEvent.js';
import { typeLeavesInPlace } from './typeLeavesInPlace.js';
import { XmlDocumentScanner } from './XmlDocumentScanner.js';

export type DecodeResult =
  | { readonly ok: true; readonly event: SapiEvent }
  | { readonly ok: false; readonly error: string };

const xml = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

/** Types every string leaf like SAPI's JSON output would (see `jsonScalar`). */
function typeLeaves(value: unknown): unknown {
  if (typeof value === 'string') return jsonScalar(value);
  if (Array.isArray(value)) return value.map(typeLeaves);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '__proto__') out[k] = typeLeaves(v);
    return out;
  }
  return value;
}

const tooDeep = `nested deeper than ${defaultMaxJsonDepth} levels`;

/** Why XML text is not one well-formed document (end tags that match, bounded depth), if it is not. */
function xmlProblem(text: string): string | undefined {
  const scanner = new XmlDocumentScanner();
  const end = scanner.feed(text, 0, text.length);
  if (scanner.error) return scanner.error;
  if (end < 0) return 'malformed XML: the document does not end';
  if (text.slice(end).trim() !== '') return 'malformed XML: text after the root element';
  return undefined;
}

/**
 * Decodes one SAPI message (a JSON object or an XML element, as the stream parser cut it) into a
 * `SapiEvent`. Both formats give the same result for the same event. Input nested deeper than core's
 * limit for outside JSON, and XML whose end tags do not match, are errors. `depth`: how deep the JSON
 * text nests, when the stream parser measured it already. Pure.
 */
export function decodeSapiMessage(text: string, format: 'json' | 'xml', depth?: number): DecodeResult {
  if (format === 'json') return decodeJson(text, depth);
  const problem = xmlProblem(text);
  if (problem) return { ok: false, error: problem };
  let document: unknown;
  try {
    document = xml.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid XML: ${(error as Error).message}` };
  }
  return toSapiEvent(document);
}

/**
 * JSON in one pass over the parsed object: the text's depth (measured by the stream parser while it
 * framed the message, else scanned here) bounds the value's, and the fresh value is typed and normalized
 * in place. The same result as `toSapiEvent(JSON.parse(text))`.
 */
function decodeJson(text: string, depth: number | undefined): DecodeResult {
  const deep = depth === undefined ? jsonTextTooDeep(text) : depth > defaultMaxJsonDepth;
  if (deep) return { ok: false, error: `JSON ${tooDeep}` };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
  typeLeavesInPlace(document);
  if (!isRecord(document)) return { ok: false, error: 'the message is not an object' };
  const keys = Object.keys(document);
  if (keys.length !== 1) {
    return { ok: false, error: `expected one event class at the top, found ${keys.length}` };
  }
  const type = keys[0]!;
  const content = document[type];
  if (!isRecord(content) && content !== '') return { ok: false, error: `${type} is not an object` };
  const body = normalizeOwnedSapiBody(content);
  const msgInfo = readMsgInfo(body);
  return { ok: true, event: msgInfo ? { type, body, msgInfo } : { type, body } };
}

/** A parsed document `{ <EventClass>: { … } }` → `SapiEvent`, values typed; also for recorded payloads. */
export function toSapiEvent(parsed: unknown): DecodeResult {
  if (valueTooDeep(parsed)) return { ok: false, error: `the event is ${tooDeep}` };
  const document = typeLeaves(parsed);
  if (!isRecord(document)) return { ok: false, error: 'the message is not an object' };
  const keys = Object.keys(document);
  if (keys.length !== 1) {
    return { ok: false, error: `expected one event class at the top, found ${keys.length}` };
  }
  const type = keys[0]!;
  const content = document[type];
  if (!isRecord(content) && content !== '') return { ok: false, error: `${type} is not an object` };
  const body = normalizeSapiBody(content);
  const msgInfo = readMsgInfo(body);
  return { ok: true, event: msgInfo ? { type, body, msgInfo } : { type, body } };
}
