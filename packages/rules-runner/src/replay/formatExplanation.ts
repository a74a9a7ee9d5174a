import type { ExplainNode, RuleExplanation } from '@switchboard/core';

const short = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
};

function nodeLines(node: ExplainNode, indent: string): string[] {
  const lines = [`${indent}${short(node.expression)} → ${short(node.value)}`];
  for (const child of node.children) lines.push(...nodeLines(child, `${indent}  `));
  return lines;
}

/** "Why did this rule fire", as text: each rule listening to the event, its condition and sub-values. */
export function formatExplanation(rules: readonly RuleExplanation[], indent = '    '): string[] {
  if (rules.length === 0) return [`${indent}(no rule listens to this event type)`];
  const lines: string[] = [];
  for (const r of rules) {
    const mark = r.matched ? '✓' : '✗';
    const why = r.excludedBySource
      ? ' (not for this source)'
      : r.stoppedBy
        ? ` (stopped by ${r.stoppedBy})`
        : '';
    lines.push(`${indent}${mark} ${r.rule} ${r.file}:${r.line}${why}`);
    if (r.condition) lines.push(...nodeLines(r.condition, `${indent}    `));
    else lines.push(`${indent}    (no condition: always)`);
  }
  return lines;
}
