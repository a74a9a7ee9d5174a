import type { LineCounter, YAMLError } from 'yaml';
import { SwitchboardError } from '../errors/index.js';
import { keyLine, type SourceLines } from './SourceLines.js';

interface Explained {
  readonly line: number;
  readonly col: number;
  readonly message: string;
  /** The last line this mistake accounts for: the parser's later errors up to it are the same mistake. */
  readonly covers: number;
}

export function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * The YAML parser's errors as one message per mistake, at the line the mistake is on: a mis-indented
 * key is reported where it is (the parser often notices a line earlier or later, several times),
 * named with the key it should line up with; an unclosed `{`, `[` or quote where it was opened.
 */
export function yamlProblems(
  file: string,
  text: string,
  errors: readonly YAMLError[],
  counter: LineCounter,
): SwitchboardError[] {
  const lines = new SourceLinesOf(text);
  const out: SwitchboardError[] = [];
  let covered = 0;
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  for (const error of sorted) {
    const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
    if (pos.line <= covered) continue;
    const explained = explain(error, pos, lines) ?? {
      line: pos.line,
      col: pos.col,
      message: `YAML: ${firstLine(error.message)}`,
      covers: pos.line,
    };
    covered = Math.max(explained.covers, pos.line);
    out.push(
      new SwitchboardError('SWB_YAML_SYNTAX', explained.message, {
        position: { file, line: explained.line, col: explained.col },
      }),
    );
  }
  return out;
}

class SourceLinesOf implements SourceLines {
  readonly #lines: string[];
  constructor(text: string) {
    this.#lines = text.split(/\r?\n/);
  }
  get count(): number {
    return this.#lines.length;
  }
  /** 1-based; '' past the end. */
  at(line: number): string {
    return this.#lines[line - 1] ?? '';
  }
}

function explain(
  error: YAMLError,
  pos: { line: number; col: number },
  lines: SourceLines,
): Explained | undefined {
  const message = error.message;
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { ...pos, message: 'a tab indents this line: YAML indents with spaces only', covers: pos.line };
    case 'DUPLICATE_KEY':
      return duplicateKey(pos, lines);
    case 'MISSING_CHAR':
      if (/closing ["']quote/.test(message))
        return unclosedQuote(pos, lines, message.includes('"') ? '"' : "'");
      if (/closing [}\]]/.test(message)) return unclosedFlow(pos, lines);
      return misIndented(pos, lines);
    case 'BAD_INDENT':
      if (/^Flow (map|sequence)/.test(message)) return unclosedFlow(pos, lines);
      return misIndented(pos, lines);
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return missingColon(pos, lines) ?? misIndented(pos, lines);
    default:
      return undefined;
  }
}

/** `on call.answered` followed by a key line: the parser reads both lines as one key. */
function missingColon(pos: { line: number; col: number }, lines: SourceLines): Explained | undefined {
  const text = lines.at(pos.line);
  const rest = text.slice(pos.col - 1);
  if (!/^[\s-]*$/.test(text.slice(0, pos.col - 1)) || /:(\s|$)/.test(rest) || /^["'[{]/.test(rest.trim()))
    return undefined;
  const words = rest.trim().split(/\s+/);
  const fix = words.length > 1 ? `${words[0]}: ${words.slice(1).join(' ')}` : `${words[0]}: …`;
  return {
    ...pos,
    message: `\`${rest.trim()}\` has no \`:\` after its key: write \`${fix}\``,
    covers: pos.line + 1,
  };
}

/**
 * A key on a line whose indentation fits no mapping above it. The parser points at that line, or at
 * the end of the line before, or at a value it then read as spanning both lines: the key line is looked
 * for from there on.
 */
function misIndented(pos: { line: number; col: number }, lines: SourceLines): Explained | undefined {
  for (let line = pos.line; line <= Math.min(pos.line + 2, lines.count); line++) {
    const found = indentationProblem(line, lines);
    if (found) return found;
  }
  return undefined;
}

function indentationProblem(line: number, lines: SourceLines): Explained | undefined {
  const key = keyLine(lines.at(line));
  if (!key) return undefined;
  let p = line - 1;
  while (p > 0 && !keyLine(lines.at(p))) p--;
  const previous = p > 0 ? keyLine(lines.at(p)) : undefined;
  if (!previous) return undefined;
  const at = { line, col: key.col, covers: line };
  if (previous.opens && key.col <= previous.col && !key.item) {
    return {
      ...at,
      message: `mis-indented \`${key.key}:\`: indent it under \`${previous.key}:\` (line ${p}), more than \`${previous.key}\` itself`,
    };
  }
  if (!previous.opens && key.col > previous.col) {
    return {
      ...at,
      message: `\`${key.key}:\` is indented more than \`${previous.key}:\` on line ${p} (column ${key.col}, not ${previous.col}): keys of one mapping start in the same column`,
    };
  }
  if (key.col < previous.col) {
    const parents = enclosing(p, previous.col, lines);
    if (parents.some((parent) => parent.col === key.col)) return undefined;
    const parent = parents[0];
    const above = parent ? `, \`${parent.key}:\` on line ${parent.line} at column ${parent.col}` : '';
    return {
      ...at,
      message: `\`${key.key}:\` (column ${key.col}) lines up with no key above it: \`${previous.key}:\` on line ${p} starts at column ${previous.col}${above}`,
    };
  }
  return undefined;
}

/** Key lines above `line` that start further left, nearest first (the mappings that enclose it). */
function enclosing(
  line: number,
  col: number,
  lines: SourceLines,
): { key: string; line: number; col: number }[] {
  const out: { key: string; line: number; col: number }[] = [];
  let limit = col;
  for (let l = line - 1; l > 0 && limit > 1; l--) {
    const key = keyLine(lines.at(l));
    if (key && key.col < limit) {
      out.push({ key: key.key, line: l, col: key.col });
      limit = key.col;
    }
  }
  return out;
}

function duplicateKey(pos: { line: number; col: number }, lines: SourceLines): Explained {
  const key = keyLine(lines.at(pos.line));
  if (!key) return { ...pos, message: 'a key is given twice in one mapping', covers: pos.line };
  for (let l = pos.line - 1; l > 0; l--) {
    const other = keyLine(lines.at(l));
    if (!other) continue;
    if (other.col < key.col) break;
    if (other.col === key.col && other.key === key.key) {
      return {
        line: pos.line,
        col: key.col,
        message: `\`${key.key}\` is given twice in one mapping (first on line ${l}): keep one`,
        covers: pos.line,
      };
    }
  }
  return {
    line: pos.line,
    col: key.col,
    message: `\`${key.key}\` is given twice in one mapping`,
    covers: pos.line,
  };
}

/** The `{` or `[` still open when the parser gave up, found by counting brackets outside quotes. */
function unclosedFlow(pos: { line: number; col: number }, lines: SourceLines): Explained | undefined {
  for (let start = pos.line; start >= Math.max(1, pos.line - 30); start--) {
    const open = unbalanced(lines, start, pos.line);
    if (open) {
      const close = open.char === '{' ? '}' : ']';
      return {
        line: start,
        col: open.col,
        message: `the \`${open.char}\` opened here is never closed: add \`${close}\``,
        covers: pos.line,
      };
    }
  }
  return undefined;
}

/** The first bracket of line `from` still open at the end of line `to`, if any. */
function unbalanced(lines: SourceLines, from: number, to: number): { char: string; col: number } | undefined {
  const stack: { char: string; col: number; line: number }[] = [];
  for (let l = from; l <= to; l++) {
    const text = lines.at(l);
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) break;
      if (c === '"' || c === "'") quote = c;
      else if (c === '{' || c === '[') stack.push({ char: c, col: i + 1, line: l });
      else if (c === '}' || c === ']') stack.pop();
    }
  }
  const first = stack[0];
  return first && first.line === from ? first : undefined;
}

function unclosedQuote(
  pos: { line: number; col: number },
  lines: SourceLines,
  quote: string,
): Explained | undefined {
  for (let l = Math.min(pos.line, lines.count); l >= Math.max(1, pos.line - 30); l--) {
    const text = lines.at(l);
    const count = text.split(quote).length - 1;
    if (count % 2 === 1) {
      return {
        line: l,
        col: text.lastIndexOf(quote) + 1,
        message: `the \`${quote}\` opened here is never closed: add the closing \`${quote}\``,
        covers: pos.line,
      };
    }
  }
  return undefined;
}
