import type { PathKey } from './lookupPath.js';
import type { FilterCall, Placeholder } from './Placeholder.js';
import { templateSyntaxError } from './templateSyntaxError.js';

/** Reading position inside one placeholder; `open` is the offset of its `{{`. */
interface Cursor {
  readonly src: string;
  readonly open: number;
  pos: number;
}

/**
 * Parses the placeholder whose `{{` is at `open`:
 * `{{ path ( | filter ( : "arg" )? )* }}`, where a path is names joined by `.`, `[0]` indexes and
 * `["quoted key"]` / `['quoted key']` keys. Throws `SWB_TEMPLATE_SYNTAX` naming the offset of the problem.
 */
export function parsePlaceholder(src: string, open: number): Placeholder {
  const c: Cursor = { src, open, pos: open + 2 };
  skipSpace(c);
  if (src.startsWith('}}', c.pos)) throw templateSyntaxError('Empty placeholder "{{ }}"', open);
  const { path, pathText } = parsePath(c);
  const filters: FilterCall[] = [];
  for (;;) {
    skipSpace(c);
    if (src.startsWith('}}', c.pos)) return { offset: open, end: c.pos + 2, path, pathText, filters };
    if (src[c.pos] !== '|') throw unexpected(c, 'expected "|" or "}}"');
    c.pos++;
    skipSpace(c);
    filters.push(parseFilter(c));
  }
}

function parsePath(c: Cursor): { path: PathKey[]; pathText: string } {
  const first = readName(c, 'expected a data path such as vars.name');
  const path: PathKey[] = [first];
  let pathText = first;
  for (;;) {
    const ch = c.src[c.pos];
    if (ch === '.') {
      c.pos++;
      const name = readName(c, 'expected a name after "."');
      path.push(name);
      pathText += `.${name}`;
    } else if (ch === '[') {
      c.pos++;
      const key = readBracketKey(c);
      path.push(key);
      pathText += typeof key === 'number' || !namePattern(key) ? `[${JSON.stringify(key)}]` : `.${key}`;
    } else {
      return { path, pathText };
    }
  }
}

function readBracketKey(c: Cursor): PathKey {
  const ch = c.src[c.pos];
  let key: PathKey;
  if (ch === '"' || ch === "'") {
    key = readString(c);
  } else {
    const start = c.pos;
    while (isDigit(c.src.charCodeAt(c.pos))) c.pos++;
    if (c.pos === start) throw unexpected(c, 'expected an index such as [0] or a quoted key such as ["a b"]');
    key = Number(c.src.slice(start, c.pos));
  }
  if (c.src[c.pos] !== ']') throw unexpected(c, 'expected "]"');
  c.pos++;
  return key;
}

function parseFilter(c: Cursor): FilterCall {
  const offset = c.pos;
  const name = readName(c, 'expected a filter name after "|"');
  skipSpace(c);
  if (c.src[c.pos] !== ':') return { name, arg: undefined, offset };
  c.pos++;
  skipSpace(c);
  const ch = c.src[c.pos];
  if (ch !== '"' && ch !== "'") throw unexpected(c, `expected a quoted value after "${name}:"`);
  return { name, arg: readString(c), offset };
}

/** A quoted string with `\` escapes (`\n`, `\t`, `\\`, `\"`, `\'`; any other escaped character as itself). */
function readString(c: Cursor): string {
  const start = c.pos;
  const quote = c.src[c.pos++];
  let text = '';
  while (c.pos < c.src.length) {
    const ch = c.src[c.pos++]!;
    if (ch === quote) return text;
    if (ch !== '\\') {
      text += ch;
      continue;
    }
    if (c.pos >= c.src.length) break;
    const escaped = c.src[c.pos++]!;
    text += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
  }
  throw templateSyntaxError('Unterminated quoted string', start);
}

function readName(c: Cursor, expected: string): string {
  const start = c.pos;
  if (!isNameStart(c.src.charCodeAt(c.pos))) throw unexpected(c, expected);
  c.pos++;
  while (isNamePart(c.src.charCodeAt(c.pos))) c.pos++;
  return c.src.slice(start, c.pos);
}

function skipSpace(c: Cursor): void {
  while (isSpace(c.src.charCodeAt(c.pos))) c.pos++;
}

function unexpected(c: Cursor, expected: string): Error {
  if (c.pos >= c.src.length) return templateSyntaxError('Unclosed placeholder: "{{" without "}}"', c.open);
  return templateSyntaxError(
    `Unexpected ${JSON.stringify(c.src[c.pos])} in placeholder (${expected})`,
    c.pos,
  );
}

function namePattern(key: string): boolean {
  if (!isNameStart(key.charCodeAt(0))) return false;
  for (let i = 1; i < key.length; i++) if (!isNamePart(key.charCodeAt(i))) return false;
  return true;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Names: a letter, `_` or `$`, then letters, digits, `_`, `$` or `-`. */
function isNameStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x24;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || isDigit(code) || code === 0x2d;
}
