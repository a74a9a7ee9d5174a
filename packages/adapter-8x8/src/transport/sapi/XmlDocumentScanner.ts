import { defaultMaxJsonDepth } from '@switchboard/core';

/** Where the scanner is: in text, or inside which kind of markup. */
const Mode = {
  text: 0,
  lt: 1,
  startName: 2,
  attributes: 3,
  endName: 4,
  endTail: 5,
  instruction: 6,
  bang: 7,
  comment: 8,
  cdata: 9,
} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

/** Longest element name accepted; SAPI's are short words. */
const maxNameLength = 256;

/** SAPI's event classes: never an element inside an event, so one inside an open document starts the next. */
const eventClasses: ReadonlySet<string> = new Set([
  'AgentStatusChange',
  'AgentProvChange',
  'Interaction',
  'ClientCheck',
]);

/** A new document began inside the open one, which was cut short before it. */
export interface XmlRestart {
  /** Characters of the cut document, before the new one's `<`. */
  readonly chars: number;
  /** What the new document has read so far (`<` or `<Name`); it goes on at the index `feed` returned. */
  readonly prefix: string;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isNameStart = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
const isNameChar = (c: number): boolean =>
  isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

/**
 * Finds where one XML document that arrives in pieces ends, and whether it is well-formed enough to
 * decode: every end tag must close the element it names, elements nest at most `maxDepth` deep, and no
 * DOCTYPE is accepted (SAPI sends none, and entity declarations are how XML parsers are attacked).
 * Declarations, processing instructions and comments before the root element belong to the document;
 * it ends with the root element's end tag. A document cut short is noticed when the next one begins:
 * a start tag naming a SAPI event class, or an XML declaration, inside an open document (SAPI's events
 * never nest) ends it (`restart`). Each character is looked at once, whatever the chunking.
 */
export class XmlDocumentScanner {
  readonly #maxDepth: number;
  readonly #open: string[] = [];
  /** Elements opened beyond `maxDepth`: counted, not named. */
  #excess = 0;
  #mode: Mode = Mode.text;
  /** The last complete tag name. */
  #name = '';
  /** A tag name being read: its part from earlier chunks, and where it goes on in the current one. */
  #nameCarry = '';
  #nameFrom = 0;
  #quote = 0;
  #slash = false;
  /** Progress through a closing delimiter (`?>`, `-->`, `]]>`) or an opener after `<!`. */
  #run = 0;
  #opener = '';
  #rootStarted = false;
  #error: string | undefined;
  #fatal = false;
  #restart: XmlRestart | undefined;
  /** Characters fed before the current `feed` call. */
  #fed = 0;
  /** Where the last `<` was, counted from the document's start. */
  #ltAt = 0;

  constructor(maxDepth = defaultMaxJsonDepth) {
    this.#maxDepth = maxDepth;
  }

  /** Why the document is malformed, once it is known to be. */
  get error(): string | undefined {
    return this.#error;
  }

  /** The document cannot be followed any further: it ends where `feed` stopped. */
  get fatal(): boolean {
    return this.#fatal;
  }

  /** Whether the root element has begun (before it, only the prolog was read). */
  get rootStarted(): boolean {
    return this.#rootStarted;
  }

  /** Set when a new document began inside this one (see the class comment). */
  get restart(): XmlRestart | undefined {
    return this.#restart;
  }

  /**
   * Reads `text` from `from` up to `to`: returns the index after the root element's end tag, or -1 when
   * the document goes on past `to`. After a fatal error or a `restart` it returns the index of the
   * character that belongs to whatever comes next.
   */
  feed(text: string, from: number, to: number): number {
    const inName = this.#mode === Mode.startName || this.#mode === Mode.endName;
    if (inName) this.#nameFrom = from;
    const end = this.#scan(text, from, to);
    if (end < 0 && (this.#mode === Mode.startName || this.#mode === Mode.endName))
      this.#nameCarry += text.slice(this.#nameFrom, to);
    this.#fed += (end >= 0 ? end : to) - from;
    return end;
  }

  get #insideRoot(): boolean {
    return this.#open.length + this.#excess > 0;
  }

  #scan(text: string, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      switch (this.#mode) {
        case Mode.text:
          if (c !== 0x3c /* < */) {
            if (!this.#insideRoot) {
              if (!isSpace(c)) return this.#fail(i, 'text outside the root element');
              break;
            }
            // Text inside an element: on to the next markup in one search.
            const lt = text.indexOf('<', i + 1);
            if (lt < 0 || lt >= to) {
              i = to;
              break;
            }
            i = lt;
          }
          this.#mode = Mode.lt;
          this.#ltAt = this.#fed + (i - from);
          break;
        case Mode.lt:
          if (c === 0x2f /* / */) this.#beginName(Mode.endName, i + 1);
          else if (c === 0x3f /* ? */) {
            if (this.#insideRoot) return this.#restartAt(i, '<');
            this.#begin(Mode.instruction);
          } else if (c === 0x21 /* ! */) this.#begin(Mode.bang);
          else if (isNameStart(c)) this.#beginName(Mode.startName, i);
          else return this.#fail(i, 'a `<` that starts no markup');
          break;
        case Mode.startName:
          if (isNameChar(c)) {
            if (this.#nameLength(i) >= maxNameLength)
              return this.#fail(i, 'an element name that is too long');
            break;
          }
          this.#name = this.#nameCarry + text.slice(this.#nameFrom, i);
          if (this.#insideRoot && eventClasses.has(this.#name)) return this.#restartAt(i, `<${this.#name}`);
          if (isSpace(c) || c === 0x2f) {
            this.#slash = c === 0x2f;
            this.#mode = Mode.attributes;
          } else if (c === 0x3e /* > */) {
            if (this.#startTag(false)) return i + 1;
          } else return this.#fail(i, `an unexpected character in the tag <${this.#name}`);
          break;
        case Mode.attributes:
          if (this.#quote !== 0) {
            // `<` may not stand in an attribute value: the tag was cut short and the next markup begins.
            if (c === 0x3c) return this.#fail(i, `an unfinished attribute in the tag <${this.#name}`);
            if (c === this.#quote) this.#quote = 0;
          } else if (c === 0x3e) {
            if (this.#startTag(this.#slash)) return i + 1;
          } else if (c === 0x3c) {
            return this.#fail(i, `a \`<\` inside the tag <${this.#name}`);
          } else if (!isSpace(c)) {
            this.#slash = c === 0x2f;
            if (c === 0x22 || c === 0x27) this.#quote = c;
          }
          break;
        case Mode.endName: {
          const length = this.#nameLength(i);
          if (isNameChar(c) && (length > 0 || isNameStart(c))) {
            if (length >= maxNameLength) return this.#fail(i, 'an element name that is too long');
            break;
          }
          this.#name = this.#nameCarry + text.slice(this.#nameFrom, i);
          if (c === 0x3e && length > 0) {
            if (this.#endTag()) return i + 1;
            if (this.#fatal) return i + 1;
          } else if (isSpace(c) && length > 0) this.#mode = Mode.endTail;
          else return this.#fail(i, 'a malformed end tag');
          break;
        }
        case Mode.endTail:
          if (c === 0x3e) {
            if (this.#endTag()) return i + 1;
            if (this.#fatal) return i + 1;
          } else if (!isSpace(c)) return this.#fail(i, 'a malformed end tag');
          break;
        case Mode.instruction:
          // SAPI's only instruction is the one-line XML declaration: a line break or `<` means it was cut.
          if (c === 0x3e && this.#run === 1) this.#mode = Mode.text;
          else if (c === 0x0a || c === 0x3c) return this.#fail(i, 'an unfinished XML declaration');
          else this.#run = c === 0x3f ? 1 : 0;
          break;
        case Mode.bang:
          this.#opener += String.fromCharCode(c);
          if (this.#opener === '--') this.#begin(Mode.comment);
          else if (this.#opener === '[CDATA[') this.#begin(Mode.cdata);
          else if (!'--'.startsWith(this.#opener) && !'[CDATA['.startsWith(this.#opener))
            return this.#fail(i, 'a DOCTYPE or other declaration');
          break;
        case Mode.comment:
          if (c === 0x3e && this.#run >= 2) this.#mode = Mode.text;
          else this.#run = c === 0x2d ? this.#run + 1 : 0;
          break;
        case Mode.cdata:
          if (c === 0x3e && this.#run >= 2) this.#mode = Mode.text;
          else this.#run = c === 0x5d ? this.#run + 1 : 0;
          break;
      }
    }
    return -1;
  }

  #begin(mode: Mode): void {
    this.#mode = mode;
    this.#name = '';
    this.#run = 0;
    this.#opener = '';
    this.#quote = 0;
    this.#slash = false;
  }

  #beginName(mode: Mode, from: number): void {
    this.#begin(mode);
    this.#nameCarry = '';
    this.#nameFrom = from;
  }

  /** Characters of the tag name read so far, up to `i` in the current chunk. */
  #nameLength(i: number): number {
    return this.#nameCarry.length + (i - this.#nameFrom);
  }

  /** A start tag ended (`/>` when self-closing); true when that completed the document. */
  #startTag(selfClosing: boolean): boolean {
    this.#mode = Mode.text;
    const depth = this.#open.length + this.#excess;
    if (depth === 0) this.#rootStarted = true;
    if (selfClosing) return depth === 0;
    if (this.#open.length < this.#maxDepth) this.#open.push(this.#name);
    else {
      this.#excess += 1;
      this.#error ??= `XML elements nested deeper than ${this.#maxDepth} levels`;
    }
    return false;
  }

  /** An end tag ended; true when that completed the document. */
  #endTag(): boolean {
    this.#mode = Mode.text;
    if (this.#excess > 0) {
      this.#excess -= 1;
      return false;
    }
    const open = this.#open.pop();
    if (open === undefined) {
      this.#error ??= `malformed XML: the end tag </${this.#name}> closes no element`;
      this.#fatal = true;
      return false;
    }
    if (open !== this.#name)
      this.#error ??= `malformed XML: the end tag </${this.#name}> does not match <${open}>`;
    return this.#open.length === 0;
  }

  #restartAt(at: number, prefix: string): number {
    this.#restart = { chars: this.#ltAt, prefix };
    return at;
  }

  #fail(at: number, why: string): number {
    this.#error ??= `malformed XML: ${why}`;
    this.#fatal = true;
    return at;
  }
}
