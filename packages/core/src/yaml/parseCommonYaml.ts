/**
 * Where a node of a YAML text starts (UTF-16 offset of its first character, as the `yaml` library's
 * `range[0]`), and its children: by key for a mapping (with each key's own offset), by index for a
 * sequence. `start` is -1 for an empty value (`key:` with nothing after it), whose position the
 * reference parser places differently.
 */
export interface CommonYamlNode {
  readonly start: number;
  readonly entries?: ReadonlyMap<string, { readonly key: number; readonly node: CommonYamlNode }>;
  readonly items?: readonly CommonYamlNode[];
}

export interface CommonYaml {
  readonly value: unknown;
  readonly root: CommonYamlNode;
}

/** Thrown inside the parser when the text leaves the common subset: the caller uses the full parser. */
class Unsupported extends Error {}
const unsupported = new Unsupported();

/**
 * Text that is outside the subset: tabs, control characters, a byte-order mark, the YAML 1.1 and
 * Unicode line breaks, and carriage returns (a CRLF file takes the full parser).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const outsideSubset = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

/** Characters a plain scalar may not start with (YAML indicators). */
const indicators = new Set([
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '?',
  ':',
]);

/** The one-character escapes of a double-quoted scalar (`\x`, `\u`, `\U` and line folding are left out). */
const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/**
 * A plain scalar's value under the YAML 1.2 core schema, tried in the `yaml` library's order (null,
 * bool, octal, decimal, hexadecimal int, special floats, exponent floats, floats), resolved the same way.
 */
export function resolvePlain(text: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  const first = text.charCodeAt(0);
  // Every numeric form starts with a digit, a sign or a dot: anything else is text.
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) return text;
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return Number.parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return Number.parseFloat(text);
  return text;
}

/** An own, enumerable property, as the `yaml` library's `toJS` sets it (also for `toString` and the like). */
function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key in map)
    Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

interface Scalar {
  readonly value: unknown;
  readonly node: CommonYamlNode;
  /** Offset just after the scalar (or flow collection). */
  readonly end: number;
}

/**
 * A fast parser for the YAML that rule and config files are written in: block mappings and sequences,
 * one-line plain and quoted scalars, one-line flow collections, comments. Its value is what
 * `parseDocument(text, { uniqueKeys: true, merge: false }).toJS()` gives, and its node offsets are that
 * parser's. Anything else (anchors, tags, block scalars, multi-line scalars or flow collections, a
 * duplicate or empty key, anything the full parser would report) returns `undefined`: the caller then
 * uses the full parser, which explains problems with their positions.
 */
export function parseCommonYaml(text: string): CommonYaml | undefined {
  if (outsideSubset.test(text)) return undefined;
  try {
    return new CommonYamlParser(text).parse();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class CommonYamlParser {
  readonly #text: string;
  /** Offset where each line starts; the last entry is past the end. */
  readonly #starts: number[] = [];
  /** Indent (spaces) of each line; -1 for a blank or comment-only line. */
  readonly #indents: number[] = [];
  /** The current line. */
  #line = 0;

  constructor(text: string) {
    this.#text = text;
    let start = 0;
    while (start <= text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      this.#starts.push(start);
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      const c = text[i];
      this.#indents.push(i === end || c === '#' ? -1 : i - start);
      if (newline === -1) break;
      start = newline + 1;
    }
    this.#starts.push(text.length + 1);
  }

  parse(): CommonYaml {
    this.#skipBlank();
    if (this.#line >= this.#indents.length) throw unsupported;
    const lineStart = this.#starts[this.#line] as number;
    // Directives and document markers.
    const head = this.#text.slice(lineStart, lineStart + 3);
    if (this.#text[lineStart] === '%') throw unsupported;
    const indent = this.#indents[this.#line] as number;
    const result = this.#block(indent, lineStart + indent);
    this.#skipBlank();
    if (this.#line < this.#indents.length || head === '---' || this.#hasDocumentMarker()) throw unsupported;
    return { value: result.value, root: result.node };
  }

  #hasDocumentMarker(): boolean {
    return /^(?:---|\.\.\.)(?:[ \n]|$)/m.test(this.#text);
  }

  #lineEnd(line: number): number {
    return (this.#starts[line + 1] as number) - 1;
  }

  #skipBlank(): void {
    while (this.#line < this.#indents.length && this.#indents[this.#line] === -1) this.#line++;
  }

  /** Indent of the next content line, or -1 at the end of the text. */
  #nextIndent(): number {
    this.#skipBlank();
    return this.#line < this.#indents.length ? (this.#indents[this.#line] as number) : -1;
  }

  /** A block node whose first character is at `at` on the current line, in a collection at `indent`. */
  #block(indent: number, at: number): Scalar {
    if (this.#isItem(at)) return this.#sequence(indent);
    if (this.#keyEnd(at) !== -1) return this.#mapping(indent, at);
    throw unsupported;
  }

  /** `-` followed by a space or the end of the line. */
  #isItem(at: number): boolean {
    if (this.#text[at] !== '-') return false;
    const next = this.#text[at + 1];
    return next === undefined || next === ' ' || next === '\n';
  }

  /**
   * If a mapping key starts at `at`: the offset of its `:` (followed by a space or the end of the
   * line); else -1. Keys are plain (no `#`, no ` :`) or quoted on one line.
   */
  #keyEnd(at: number): number {
    const text = this.#text;
    const end = this.#lineEnd(this.#line);
    const c = text[at] as string;
    if (c === '"' || c === "'") {
      const close = this.#quotedEnd(at, end);
      return close < end && text[close] === ':' && (close + 1 === end || text[close + 1] === ' ')
        ? close
        : -1;
    }
    if (indicators.has(c) || (c === '-' && this.#isItem(at))) return -1;
    for (let i = at; i < end; i++) {
      const ch = text[i];
      if (ch === '#') return -1;
      if (ch === ':' && (i + 1 === end || text[i + 1] === ' ')) return text[i - 1] === ' ' ? -1 : i;
    }
    return -1;
  }

  /** The offset after the closing quote of the quoted scalar at `at` (past `end` when it does not close). */
  #quotedEnd(at: number, end: number): number {
    const text = this.#text;
    const quote = text[at];
    for (let i = at + 1; i < end; i++) {
      const ch = text[i];
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return end + 1;
  }

  #quoted(at: number, end: number): Scalar {
    const text = this.#text;
    const close = this.#quotedEnd(at, end);
    if (close > end) throw unsupported;
    const inner = text.slice(at + 1, close - 1);
    let value: string;
    if (text[at] === "'") value = inner.includes("''") ? inner.replaceAll("''", "'") : inner;
    else if (!inner.includes('\\')) value = inner;
    else {
      value = '';
      for (let i = 0; i < inner.length; i++) {
        const ch = inner[i] as string;
        if (ch !== '\\') {
          value += ch;
          continue;
        }
        const escaped = escapes[inner[++i] as string];
        if (escaped === undefined) throw unsupported;
        value += escaped;
      }
    }
    return { value, node: { start: at }, end: close };
  }

  /** Past the spaces from `at`; the rest of the line must be empty or a comment. */
  #expectLineEnd(at: number, end: number): void {
    let i = at;
    while (i < end && this.#text.charCodeAt(i) === 32) i++;
    if (i < end && (this.#text[i] !== '#' || i === at)) throw unsupported;
  }

  #mapping(indent: number, first: number): Scalar {
    const value: Record<string, unknown> = {};
    const entries = new Map<string, { key: number; node: CommonYamlNode }>();
    let at = first;
    for (;;) {
      const colon = this.#keyEnd(at);
      if (colon === -1) throw unsupported;
      const key = this.#key(at, colon);
      if (Object.hasOwn(value, key) || key === '__proto__') throw unsupported;
      const child = this.#valueAfter(indent, colon + 1);
      setKey(value, key, child.value);
      entries.set(key, { key: at, node: child.node });
      const next = this.#nextIndent();
      if (next < indent) break;
      if (next > indent) throw unsupported;
      at = (this.#starts[this.#line] as number) + indent;
      if (this.#isItem(at)) break;
    }
    return { value, node: { start: first, entries }, end: -1 };
  }

  #key(at: number, colon: number): string {
    const c = this.#text[at];
    if (c === '"' || c === "'") return this.#quoted(at, colon).value as string;
    const text = this.#text.slice(at, colon);
    if (text.length > 1000) throw unsupported;
    const key = resolvePlain(text);
    if (typeof key !== 'string') throw unsupported;
    return key;
  }

  /**
   * The value after a key's `:` (at `from`) in a mapping at `indent`: on the same line, or the block
   * on the lines below (a sequence may start at the mapping's own indent), or an empty value.
   */
  #valueAfter(indent: number, from: number): Scalar {
    const text = this.#text;
    const end = this.#lineEnd(this.#line);
    let at = from;
    while (at < end && text.charCodeAt(at) === 32) at++;
    if (at === end || text[at] === '#') {
      this.#line++;
      const next = this.#nextIndent();
      const start = next === -1 ? 0 : (this.#starts[this.#line] as number) + next;
      if (next > indent) return this.#block(next, start);
      if (next === indent && this.#isItem(start)) return this.#sequence(indent);
      return { value: null, node: { start: -1 }, end: -1 };
    }
    return this.#inlineThenLineEnd(at, end);
  }

  /** A value written on the rest of the line; the next line must not continue it. */
  #inlineThenLineEnd(at: number, end: number): Scalar {
    const text = this.#text;
    const c = text[at] as string;
    let scalar: Scalar;
    if (c === '"' || c === "'") scalar = this.#quoted(at, end);
    else if (c === '{' || c === '[') scalar = this.#flow(at, end);
    else {
      if (indicators.has(c) || this.#isItem(at)) throw unsupported;
      let stop = at;
      while (stop < end && !(text.charCodeAt(stop) === 35 && text.charCodeAt(stop - 1) === 32)) stop++;
      while (stop > at && text.charCodeAt(stop - 1) === 32) stop--;
      const plain = text.slice(at, stop);
      if (plain.includes(': ') || plain.endsWith(':')) throw unsupported;
      scalar = { value: resolvePlain(plain), node: { start: at }, end: stop };
    }
    this.#expectLineEnd(scalar.end, end);
    this.#line++;
    return scalar;
  }

  #sequence(indent: number): Scalar {
    const text = this.#text;
    const value: unknown[] = [];
    const items: CommonYamlNode[] = [];
    const start = (this.#starts[this.#line] as number) + indent;
    for (;;) {
      const dash = (this.#starts[this.#line] as number) + indent;
      const end = this.#lineEnd(this.#line);
      let at = dash + 1;
      while (at < end && text.charCodeAt(at) === 32) at++;
      let item: Scalar;
      if (at === end || text[at] === '#') {
        this.#line++;
        const next = this.#nextIndent();
        if (next > indent) item = this.#block(next, (this.#starts[this.#line] as number) + next);
        else item = { value: null, node: { start: -1 }, end: -1 };
      } else if (this.#isItem(at)) {
        throw unsupported;
      } else if (this.#keyEnd(at) !== -1) {
        item = this.#mapping(at - (this.#starts[this.#line] as number), at);
      } else {
        item = this.#inlineThenLineEnd(at, end);
      }
      value.push(item.value);
      items.push(item.node);
      const next = this.#nextIndent();
      if (next < indent) break;
      if (next > indent) throw unsupported;
      if (!this.#isItem((this.#starts[this.#line] as number) + indent)) break;
    }
    return { value, node: { start, items }, end: -1 };
  }

  /** A flow mapping or sequence that closes on its line. */
  #flow(at: number, end: number): Scalar {
    const text = this.#text;
    const skip = (i: number): number => {
      while (i < end && text.charCodeAt(i) === 32) i++;
      return i;
    };
    if (text[at] === '[') {
      const value: unknown[] = [];
      const items: CommonYamlNode[] = [];
      let i = skip(at + 1);
      while (text[i] !== ']') {
        if (i >= end) throw unsupported;
        const item = this.#flowValue(i, end);
        value.push(item.value);
        items.push(item.node);
        i = skip(item.end);
        if (text[i] === ',') i = skip(i + 1);
        else if (text[i] !== ']') throw unsupported;
      }
      return { value, node: { start: at, items }, end: i + 1 };
    }
    const value: Record<string, unknown> = {};
    const entries = new Map<string, { key: number; node: CommonYamlNode }>();
    let i = skip(at + 1);
    while (text[i] !== '}') {
      if (i >= end) throw unsupported;
      const keyAt = i;
      const c = text[i] as string;
      let key: string;
      let quoted = false;
      if (c === '"' || c === "'") {
        const scalar = this.#quoted(i, end);
        key = scalar.value as string;
        i = scalar.end;
        quoted = true;
      } else {
        const plain = this.#flowPlain(i, end, true);
        if (typeof plain.value !== 'string') throw unsupported;
        key = plain.value;
        i = plain.end;
      }
      if (text[i] !== ':') throw unsupported;
      // After a plain key the `:` needs a space; after a quoted one the value may follow at once.
      if (!quoted && text[i + 1] !== ' ') throw unsupported;
      i = skip(i + 1);
      if (Object.hasOwn(value, key) || key === '__proto__') throw unsupported;
      const child = this.#flowValue(i, end);
      setKey(value, key, child.value);
      entries.set(key, { key: keyAt, node: child.node });
      i = skip(child.end);
      if (text[i] === ',') i = skip(i + 1);
      else if (text[i] !== '}') throw unsupported;
    }
    return { value, node: { start: at, entries }, end: i + 1 };
  }

  #flowValue(at: number, end: number): Scalar {
    const c = this.#text[at];
    if (c === '"' || c === "'") return this.#quoted(at, end);
    if (c === '{' || c === '[') return this.#flow(at, end);
    return this.#flowPlain(at, end);
  }

  /** A plain scalar inside a flow collection: no flow indicators, `:` or `#` in it; a key ends at its `:`. */
  #flowPlain(at: number, end: number, key = false): Scalar {
    const text = this.#text;
    const c = text[at];
    // `-` starts a plain scalar only when a character of it follows (`-1`, not `-` or `- x`).
    if (
      c === undefined ||
      at >= end ||
      indicators.has(c) ||
      (c === '-' && (at + 1 >= end || ' ,]}'.includes(text[at + 1] as string)))
    )
      throw unsupported;
    let i = at;
    for (; i < end; i++) {
      const ch = text[i];
      if (ch === ',' || ch === ']' || ch === '}' || (key && ch === ':')) break;
      if (ch === ':' || ch === '#' || ch === '[' || ch === '{') throw unsupported;
    }
    let stop = i;
    while (stop > at && text.charCodeAt(stop - 1) === 32) stop--;
    // A key is followed by its `:` at once (`{a : b}` is left to the full parser).
    if (stop === at || (key && stop !== i)) throw unsupported;
    return { value: resolvePlain(text.slice(at, stop)), node: { start: at }, end: stop };
  }
}
