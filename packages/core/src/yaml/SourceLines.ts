/** The lines of a YAML text, 1-based, for explaining parse errors. */
export interface SourceLines {
  readonly count: number;
  /** The text of a line; '' past the end. */
  at(line: number): string;
}

/** A line that starts a mapping entry: its key, the key's column, and whether its value is a block below. */
export interface KeyLine {
  readonly key: string;
  /** 1-based column of the key, after any `- ` item markers. */
  readonly col: number;
  /** Nothing follows the `:` (or only a comment): the value is the indented block below. */
  readonly opens: boolean;
  /** The key starts a sequence item (`- key: …`). */
  readonly item: boolean;
}

const keyPattern = /^( *)((?:- +)*)([A-Za-z0-9_$][^:#]*?|"[^"]*"|'[^']*'):(?: +(.*))?$/;

/** The mapping key a line starts with, if it starts with one (`  - name: x`, `    do:`). */
export function keyLine(text: string): KeyLine | undefined {
  const match = keyPattern.exec(text.replace(/\s+$/, ''));
  if (!match) return undefined;
  const indent = (match[1] ?? '').length + (match[2] ?? '').length;
  const value = (match[4] ?? '').trim();
  return {
    key: (match[3] ?? '').replace(/^["']|["']$/g, ''),
    col: indent + 1,
    opens: value === '' || value.startsWith('#'),
    item: (match[2] ?? '') !== '',
  };
}
