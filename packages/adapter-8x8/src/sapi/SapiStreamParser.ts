import type { SapiFrame } from './SapiFrame.js';
import { type JsonScanState, newJsonScan, scanJsonObject } from './scanJsonObject.js';
import { newXmlScan, scanXmlElement, type XmlScanState } from './scanXmlElement.js';

/** Largest `length|` prefix believed; a larger number means the stream is not what we think. */
const maxMessageLength = 8 * 1024 * 1024;

type Scan = { readonly start: number; readonly json?: JsonScanState; readonly xml?: XmlScanState };

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWordChar = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;

/**
 * Turns the bytes of a SAPI stream into frames, whatever the chunking: a message split across chunks
 * waits for its end, several messages in one chunk all come out, UTF-8 characters split between chunks
 * are decoded once whole. Tolerates the Atmosphere framing the 8x8 Java client is set up for:
 * whitespace padding, a `uuid|timestamp` handshake, `length|message` prefixes (length in UTF-16 code
 * units, as Java's `String.length()`), bare `X` heartbeats. Pure: no I/O, no clock.
 */
export class SapiStreamParser {
  readonly #decoder = new TextDecoder('utf-8');
  #text = '';
  #scan: Scan | undefined;

  /** Feeds a chunk; returns the frames it completed. */
  push(chunk: Uint8Array | string): SapiFrame[] {
    this.#text += typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    return this.#drain(false);
  }

  /**
   * The stream ended: returns the last frames and the incomplete rest (a message cut off mid-way),
   * which the caller drops. The parser is then empty and may be reused.
   */
  end(): { frames: SapiFrame[]; partial: string } {
    this.#text += this.#decoder.decode();
    const frames = this.#drain(true);
    const partial = this.#text.trim();
    this.#text = '';
    this.#scan = undefined;
    return { frames, partial };
  }

  /** Characters received but not yet part of a complete frame. */
  get pending(): number {
    return this.#text.length;
  }

  #drain(final: boolean): SapiFrame[] {
    const frames: SapiFrame[] = [];
    const pos = readFrames(this.#text, 0, final, frames, this);
    this.#text = this.#text.slice(pos);
    if (this.#scan) this.#scan = shift(this.#scan, pos);
    if (this.#text.length > maxMessageLength) {
      frames.push({
        kind: 'unknown',
        text: `${this.#text.slice(0, 80)}… (${this.#text.length} chars, no end)`,
      });
      this.#text = '';
      this.#scan = undefined;
    }
    return frames;
  }

  /** @internal resumable scan state, keyed by where the message starts. */
  scanAt(start: number, kind: 'json' | 'xml'): Scan {
    if (this.#scan?.start !== start || (kind === 'json' ? !this.#scan.json : !this.#scan.xml)) {
      this.#scan = kind === 'json' ? { start, json: newJsonScan(start) } : { start, xml: newXmlScan(start) };
    }
    return this.#scan;
  }

  /** @internal */
  clearScan(): void {
    this.#scan = undefined;
  }
}

interface ScanOwner {
  scanAt(start: number, kind: 'json' | 'xml'): Scan;
  clearScan(): void;
}

function shift(scan: Scan, by: number): Scan | undefined {
  if (by === 0) return scan;
  const start = scan.start - by;
  if (start < 0) return undefined;
  if (scan.json) return { start, json: { ...scan.json, index: scan.json.index - by } };
  if (scan.xml) return { start, xml: { ...scan.xml, index: scan.xml.index - by } };
  return undefined;
}

/** A one-off owner for text known to be complete (the inside of a `length|` message). */
class OneShotScans implements ScanOwner {
  #scan: Scan | undefined;
  scanAt(start: number, kind: 'json' | 'xml'): Scan {
    this.#scan = kind === 'json' ? { start, json: newJsonScan(start) } : { start, xml: newXmlScan(start) };
    return this.#scan;
  }
  clearScan(): void {
    this.#scan = undefined;
  }
}

/** Reads frames from `text` starting at `pos`; returns where it stopped (the start of an incomplete frame). */
function readFrames(text: string, pos: number, final: boolean, out: SapiFrame[], scans: ScanOwner): number {
  for (;;) {
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos += 1;
    if (pos >= text.length) return pos;
    const c = text.charCodeAt(pos);
    let next: number;
    if (c === 0x7b /* { */ || c === 0x3c /* < */) next = readDocument(text, pos, c === 0x7b, out, scans);
    else if (c === 0x58 /* X */) {
      out.push({ kind: 'heartbeat' });
      next = pos + 1;
    } else if (isWordChar(c)) next = readPrefixed(text, pos, final, out);
    else next = readUnknown(text, pos, out);
    if (next < 0) return pos;
    pos = next;
  }
}

function readDocument(text: string, pos: number, json: boolean, out: SapiFrame[], scans: ScanOwner): number {
  const scan = scans.scanAt(pos, json ? 'json' : 'xml');
  const end = json ? scanJsonObject(text, scan.json!) : scanXmlElement(text, scan.xml!);
  if (end < 0) return -1;
  scans.clearScan();
  out.push({ kind: 'message', format: json ? 'json' : 'xml', text: text.slice(pos, end) });
  return end;
}

/** `123|message` (a length prefix) or `uuid|timestamp` (the Atmosphere handshake). */
function readPrefixed(text: string, pos: number, final: boolean, out: SapiFrame[]): number {
  let end = pos;
  let digitsOnly = true;
  while (end < text.length && isWordChar(text.charCodeAt(end))) {
    if (!isDigit(text.charCodeAt(end))) digitsOnly = false;
    end += 1;
  }
  if (end >= text.length) return -1;
  if (text.charCodeAt(end) !== 0x7c /* | */) return readUnknown(text, pos, out);
  const word = text.slice(pos, end);
  if (digitsOnly) {
    const length = Number(word);
    if (length > maxMessageLength) return readUnknown(text, pos, out);
    const start = end + 1;
    if (start + length > text.length) return -1;
    const inner = text.slice(start, start + length);
    const rest = readFrames(inner, 0, true, out, new OneShotScans());
    if (rest < inner.length) out.push({ kind: 'unknown', text: inner.slice(rest) });
    return start + length;
  }
  let t = end + 1;
  while (t < text.length && isDigit(text.charCodeAt(t))) t += 1;
  if (t >= text.length && !final) return -1;
  if (t === end + 1) return readUnknown(text, pos, out);
  out.push({ kind: 'handshake', uuid: word, timestamp: Number(text.slice(end + 1, t)) });
  if (text.charCodeAt(t) === 0x7c) {
    if (t + 1 >= text.length && !final) return -1;
    return Math.min(text.length, t + 2);
  }
  return t;
}

/** Skips text that fits no frame: up to the next line break or document start. */
function readUnknown(text: string, pos: number, out: SapiFrame[]): number {
  let end = pos + 1;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 0x0a || c === 0x7b || c === 0x3c) break;
    end += 1;
  }
  out.push({ kind: 'unknown', text: text.slice(pos, end) });
  return end;
}
