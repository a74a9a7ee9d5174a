import { XMLParser } from 'fast-xml-parser';
import { jsonScalar } from './jsonScalar.js';
import { normalizeSapiBody, readMsgInfo } from './normalizeSapiBody.js';
import type { SapiEvent } from './SapiEvent.js';

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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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

/**
 * Decodes one SAPI message (a JSON object or an XML element, as the stream parser cut it) into a
 * `SapiEvent`. Both formats give the same result for the same event. Pure.
 */
export function decodeSapiMessage(text: string, format: 'json' | 'xml'): DecodeResult {
  let document: unknown;
  try {
    document = format === 'json' ? JSON.parse(text) : xml.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid ${format.toUpperCase()}: ${(error as Error).message}` };
  }
  return toSapiEvent(document);
}

/** A parsed document `{ <EventClass>: { … } }` → `SapiEvent`, values typed; also for recorded payloads. */
export function toSapiEvent(parsed: unknown): DecodeResult {
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
