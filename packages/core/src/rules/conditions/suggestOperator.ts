import { supportedOperators } from './operatorArity.js';

/** Spellings from other languages that edit distance would not find. */
const aliases: ReadonlyMap<string, string> = new Map([
  ['&&', 'and'],
  ['||', 'or'],
  ['not', '!'],
  ['substring', 'substr'],
  ['concat', 'cat'],
  ['eq', '=='],
  ['equals', '=='],
  ['=', '=='],
  ['ne', '!='],
  ['neq', '!='],
  ['<>', '!='],
  ['gt', '>'],
  ['gte', '>='],
  ['ge', '>='],
  ['lt', '<'],
  ['lte', '<='],
  ['le', '<='],
  ['contains', 'in'],
  ['includes', 'in'],
  ['has', 'in'],
  ['exists', '!!'],
]);

/** How to write what an alias means, when it is not a plain rename. */
export const aliasUsage: ReadonlyMap<string, string> = new Map([
  ['contains', '`{"in": [part, whole]}`: the part comes first'],
  ['includes', '`{"in": [part, whole]}`: the part comes first'],
  ['has', '`{"in": [part, whole]}`: the part comes first'],
  ['exists', '`{"!!": {"var": "…"}}`'],
]);

/** The known operator an unknown one most likely meant, or undefined when none is close. */
export function suggestOperator(unknown: string): string | undefined {
  const alias = aliases.get(unknown);
  if (alias !== undefined) {
    return alias;
  }
  const lower = unknown.toLowerCase().trim();
  const maxDistance = lower.length <= 3 ? 1 : 2;
  let best: { operator: string; distance: number; anagram: boolean; common: number } | undefined;
  for (const operator of supportedOperators) {
    const distance = editDistance(lower, operator);
    const common = lcs(lower, operator);
    if (distance > maxDistance || common === 0) {
      continue; // sharing no character at all is no resemblance, whatever the distance
    }
    const candidate = { operator, distance, anagram: sortChars(lower) === sortChars(operator), common };
    if (best === undefined || isBetter(candidate, best)) {
      best = candidate;
    }
  }
  return best?.operator;
}

function isBetter(
  a: { distance: number; anagram: boolean; common: number },
  b: { distance: number; anagram: boolean; common: number },
): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.anagram !== b.anagram) return a.anagram;
  return a.common > b.common;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] as number[];
      let value = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

function lcs(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = [0];
    for (let j = 1; j <= b.length; j++) {
      current.push(a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function sortChars(text: string): string {
  return [...text].sort().join('');
}
