import { type Document, isMap, isScalar, type LineCounter, type Pair, visit } from 'yaml';
import { SwitchboardError } from '../errors/index.js';

/** A key the text never wrote: `: x` with nothing before the colon. */
function unwritten(pair: Pair): boolean {
  const key = pair.key;
  if (key === null || key === undefined) return true;
  if (!isScalar(key) || (key.value !== null && key.value !== '')) return false;
  const range = key.range;
  return range !== undefined && range !== null && range[0] === range[1];
}

/**
 * `: x` with no key before the colon is valid YAML (an empty key), but never what a rule, config or
 * test file means: most often a value followed by `: something` on one line (`if: {…}: x`). Reported at
 * the colon, naming the key whose value it follows.
 */
export function emptyKeys(file: string, doc: Document.Parsed, lines: LineCounter): SwitchboardError[] {
  const out: SwitchboardError[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      map.items.forEach((pair, i) => {
        if (!unwritten(pair)) return;
        const offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? map.range?.[0] ?? 0;
        const { line, col } = lines.linePos(offset);
        const value = isScalar(pair.value) ? ` ${String(pair.value.value)}` : '';
        const before = map.items[i - 1]?.key;
        const beforeKey = isScalar(before) ? String(before.value) : undefined;
        const sameLine = isScalar(before) && lines.linePos(before.range?.[0] ?? 0).line === line;
        const message = sameLine
          ? `unexpected \`:${value}\` after the value of \`${beforeKey}\`: a value cannot have a key of its own (remove \`:${value}\`, or put it on its own line with a key)`
          : `\`:${value}\` has no key before the \`:\``;
        out.push(new SwitchboardError('SWB_YAML_SYNTAX', message, { position: { file, line, col } }));
      });
    },
  });
  return out;
}
