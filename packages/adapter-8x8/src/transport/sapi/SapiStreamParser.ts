import { JsonDocumentScanner } from './JsonDocumentScanner.js';
import { LengthPrefixes, maxPrefixNesting, type PrefixProblem } from './LengthPrefixes.js';
import { LineBreakFinder } from './LineBreakFinder.js';
import { MessageText } from './MessageText.js';
import type { SapiFrame, SapiInvalidReason } from './SapiFrame.js';
import { XmlDocumentScanner } from './XmlDocumentScanner.js';

export interface SapiStreamParserOptions {
  /**
   * The NEWLINE_* output types: a line break also ends a JSON message, so one cut short before its line
   * break costs only itself and the next line parses (a message may still end without one). XML may
   * hold line breaks in its text; an XML message cut short ends where the next one begins.
   */
  readonly newlineDelimited?: boolean;
  /** Longest message kept, in characters (UTF-16 code units); a longer one is dropped whole. */
  readonly maxMessageChars?: number;
}

/** The default message size limit: hundreds of times SAPI's largest events, far from memory trouble. */
export const defaultMaxMessageChars = 256 * 1024;
/** A `length|` or `uuid|` word longer than this is not one. */
const maxWordLength = 64;
const maxTimestampDigits = 20;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWordChar = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;

interface Document {
  readonly format: 'json' | 'xml';
  readonly json?: JsonDocumentScanner;
  readonly xml?: XmlDocumentScanner;
  readonly text: MessageText;
}

/** Text being skipped, and what it is reported as once it ends. */
interface Skip {
  readonly text: MessageText;
  readonly atNewline: boolean;
  readonly atDocumentStart: boolean;
  readonly frame: (text: MessageText) => SapiFrame;
}

type State =
  | { readonly mode: 'between' }
  | { readonly mode: 'word'; word: string; digitsOnly: boolean }
  | { readonly mode: 'timestamp'; readonly uuid: string; digits: string }
  | { readonly mode: 'heartbeatChar' }
  | { readonly mode: 'document'; readonly doc: Document }
  | { readonly mode: 'skip'; readonly skip: Skip };

const between: State = { mode: 'between' };
const prefixErrors: Readonly<Record<Exclude<PrefixProblem, 'too long'>, string>> = {
  'past its frame': 'a length prefix longer than the frame around it',
  'nested too deep': `length prefixes nested more than ${maxPrefixNesting} deep`,
};
const unknown = (t: MessageText): SapiFrame => ({ kind: 'unknown', text: t.preview, chars: t.chars });
const invalid =
  (reason: SapiInvalidReason, error: string) =>
  (t: MessageText): SapiFrame => ({ kind: 'invalid', reason, error, text: t.preview, chars: t.chars });

/**
 * Turns the bytes of a SAPI stream into frames, whatever the chunking: a message split across chunks
 * waits for its end, several in one chunk all come out, UTF-8 characters split between chunks are
 * decoded whole. Tolerates the Atmosphere framing the 8x8 Java client is set up for: whitespace
 * padding, a `uuid|timestamp` handshake, `length|message` prefixes (length in UTF-16 code units, as
 * Java's `String.length()`), bare `X` heartbeats. A bad message costs only itself: it becomes an
 * `invalid` frame and the stream goes on. Linear: each character is looked at a bounded number of
 * times, no matter how the input is cut or nested. Pure: no I/O, no clock.
 */
export class SapiStreamParser {
  readonly #decoder = new TextDecoder('utf-8');
  readonly #newlineDelimited: boolean;
  readonly #maxMessageChars: number;
  /** Absolute index of the current chunk's first character. */
  #offset = 0;
  readonly #prefixes = new LengthPrefixes();
  readonly #lineBreaks = new LineBreakFinder();
  #state: State = between;

  constructor(options: SapiStreamParserOptions = {}) {
    this.#newlineDelimited = options.newlineDelimited ?? false;
    this.#maxMessageChars = options.maxMessageChars ?? defaultMaxMessageChars;
  }

  /** Feeds a chunk; returns the frames it completed. */
  push(chunk: Uint8Array | string): SapiFrame[] {
    const out: SapiFrame[] = [];
    this.#consume(typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true }), out);
    return out;
  }

  /**
   * The stream ended: returns the last frames, the message it cut off (if any) as an `invalid` frame.
   * The parser is then empty and may be reused.
   */
  end(): SapiFrame[] {
    const out: SapiFrame[] = [];
    this.#consume(this.#decoder.decode(), out);
    this.#finish(out, 'the stream ended');
    this.#prefixes.clear();
    this.#offset = 0;
    return out;
  }

  /** Characters received that are not part of a complete frame yet. */
  get pending(): number {
    const s = this.#state;
    if (s.mode === 'document') return s.doc.text.chars;
    if (s.mode === 'skip') return s.skip.text.chars;
    if (s.mode === 'word') return s.word.length;
    if (s.mode === 'timestamp') return s.uuid.length + s.digits.length;
    return 0;
  }

  #consume(text: string, out: SapiFrame[]): void {
    this.#lineBreaks.nextChunk();
    let pos = 0;
    for (;;) {
      const boundary = this.#prefixes.end;
      if (boundary !== undefined && boundary <= this.#offset + pos) {
        this.#prefixes.close();
        this.#finish(out, 'its length prefix ended');
        continue;
      }
      if (pos >= text.length) break;
      const limit = boundary === undefined ? text.length : Math.min(text.length, boundary - this.#offset);
      pos = this.#step(text, pos, limit, out);
    }
    this.#offset += text.length;
  }

  /** Reads from `pos` towards `limit` in the current state; returns where it stopped. */
  #step(text: string, pos: number, limit: number, out: SapiFrame[]): number {
    const s = this.#state;
    switch (s.mode) {
      case 'between':
        return this.#between(text, pos, limit, out);
      case 'word':
        return this.#word(s, text, pos, limit);
      case 'timestamp':
        return this.#timestamp(s, text, pos, limit, out);
      case 'heartbeatChar':
        this.#state = between;
        return pos + 1;
      case 'document':
        return this.#document(s.doc, text, pos, limit, out);
      case 'skip':
        return this.#skip(s.skip, text, pos, limit, out);
    }
  }

  #between(text: string, pos: number, limit: number, out: SapiFrame[]): number {
    while (pos < limit && isSpace(text.charCodeAt(pos))) pos += 1;
    if (pos >= limit) return pos;
    const c = text.charCodeAt(pos);
    if (c === 0x7b /* { */ || c === 0x3c /* < */) {
      this.#newDocument(c === 0x7b ? 'json' : 'xml');
      return pos;
    }
    if (c === 0x58 /* X */) {
      out.push({ kind: 'heartbeat' });
      return pos + 1;
    }
    if (isWordChar(c)) this.#state = { mode: 'word', word: '', digitsOnly: true };
    else this.#skipUnknown('');
    return pos;
  }

  /** `123|` (a length prefix) or `uuid|` (the start of Atmosphere's handshake). */
  #word(s: Extract<State, { mode: 'word' }>, text: string, pos: number, limit: number): number {
    for (; pos < limit; pos++) {
      const c = text.charCodeAt(pos);
      if (isWordChar(c) && s.word.length < maxWordLength) {
        s.word += text[pos];
        s.digitsOnly &&= isDigit(c);
      } else if (c === 0x7c /* | */ && s.word !== '') {
        if (s.digitsOnly) this.#lengthPrefix(s.word, this.#offset + pos + 1);
        else this.#state = { mode: 'timestamp', uuid: s.word, digits: '' };
        return pos + 1;
      } else {
        this.#skipUnknown(s.word);
        return pos;
      }
    }
    return pos;
  }

  #lengthPrefix(word: string, contentStart: number): void {
    const problem = this.#prefixes.open(contentStart, Number(word), this.#maxMessageChars);
    if (problem === undefined) this.#state = between;
    else if (problem === 'too long') this.#skipUnknown(`${word}|`);
    else this.#skipToBoundary(`${word}|`, prefixErrors[problem]);
  }

  #timestamp(
    s: Extract<State, { mode: 'timestamp' }>,
    text: string,
    pos: number,
    limit: number,
    out: SapiFrame[],
  ): number {
    for (; pos < limit; pos++) {
      const c = text.charCodeAt(pos);
      if (isDigit(c) && s.digits.length < maxTimestampDigits) {
        s.digits += text[pos];
        continue;
      }
      if (s.digits === '') {
        this.#skipUnknown(`${s.uuid}|`);
        return pos;
      }
      out.push({ kind: 'handshake', uuid: s.uuid, timestamp: Number(s.digits) });
      this.#state = c === 0x7c ? { mode: 'heartbeatChar' } : between;
      return c === 0x7c ? pos + 1 : pos;
    }
    return pos;
  }

  #document(doc: Document, text: string, pos: number, limit: number, out: SapiFrame[]): number {
    // A JSON message never holds a raw line break: in NEWLINE_JSON one ends the message, whole or not.
    const newline = this.#newlineDelimited && doc.json ? this.#lineBreaks.find(text, pos) : -1;
    const cut = newline >= 0 && newline < limit;
    const to = cut ? newline : limit;
    const end = doc.json ? doc.json.feed(text, pos, to) : doc.xml!.feed(text, pos, to);
    doc.text.add(text, pos, end >= 0 ? end : to);
    if (end >= 0) {
      this.#completeDocument(doc, out);
      return end;
    }
    if (cut) {
      out.push(invalid('partial', 'a line break came before the end of the message')(doc.text));
      this.#state = between;
    }
    return to;
  }

  /** The document ended (or broke off, or a new one began inside it): one frame for it. */
  #completeDocument(doc: Document, out: SapiFrame[]): void {
    this.#state = between;
    const restart = doc.xml?.restart;
    const error = doc.xml?.error;
    if (restart) {
      out.push({
        kind: 'invalid',
        reason: 'partial',
        error: 'the next message began before the end of this one',
        text: doc.text.preview.slice(0, restart.chars),
        chars: restart.chars,
      });
      const next = this.#newDocument('xml');
      next.xml!.feed(restart.prefix, 0, restart.prefix.length);
      next.text.add(restart.prefix, 0, restart.prefix.length);
    } else if (error !== undefined) {
      out.push(invalid('malformed', error)(doc.text));
    } else if (doc.text.overflowed) {
      out.push(invalid('oversized', `a message longer than ${this.#maxMessageChars} characters`)(doc.text));
    } else {
      const text = doc.text.text();
      out.push(
        doc.json
          ? { kind: 'message', format: 'json', text, depth: doc.json.deepest }
          : { kind: 'message', format: doc.format, text },
      );
    }
  }

  #newDocument(format: 'json' | 'xml'): Document {
    const scanner =
      format === 'json' ? { json: new JsonDocumentScanner() } : { xml: new XmlDocumentScanner() };
    const doc = { format, ...scanner, text: new MessageText(this.#maxMessageChars) };
    this.#state = { mode: 'document', doc };
    return doc;
  }

  #skip(skip: Skip, text: string, pos: number, limit: number, out: SapiFrame[]): number {
    let end = pos;
    for (; end < limit; end++) {
      const c = text.charCodeAt(end);
      if ((skip.atNewline && c === 0x0a) || (skip.atDocumentStart && (c === 0x7b || c === 0x3c))) break;
    }
    skip.text.add(text, pos, end);
    if (end < limit) {
      out.push(skip.frame(skip.text));
      this.#state = between;
    }
    return end;
  }

  /** Text that fits no frame: skipped up to the next line break or message start. */
  #skipUnknown(start: string): void {
    const skip = { text: new MessageText(0, start), atNewline: true, atDocumentStart: true, frame: unknown };
    this.#state = { mode: 'skip', skip };
  }

  /** Everything up to the enclosing length prefix's end is one bad frame. */
  #skipToBoundary(start: string, error: string): void {
    const skip = {
      text: new MessageText(0, start),
      atNewline: false,
      atDocumentStart: false,
      frame: invalid('malformed', error),
    };
    this.#state = { mode: 'skip', skip };
  }

  /** The frame in progress ends here (`why`): a message not complete yet is cut short. */
  #finish(out: SapiFrame[], why: string): void {
    const s = this.#state;
    this.#state = between;
    switch (s.mode) {
      case 'word':
        out.push(unknown(new MessageText(0, s.word)));
        return;
      case 'timestamp':
        if (s.digits === '') out.push(unknown(new MessageText(0, `${s.uuid}|`)));
        else out.push({ kind: 'handshake', uuid: s.uuid, timestamp: Number(s.digits) });
        return;
      case 'document':
        out.push(invalid('partial', `${why} before the end of the message`)(s.doc.text));
        return;
      case 'skip':
        out.push(s.skip.frame(s.skip.text));
        return;
      default:
        return;
    }
  }
}
