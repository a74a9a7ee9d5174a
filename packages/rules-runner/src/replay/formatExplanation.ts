import type { ExplainNode, RuleExplanation } from '@switchboard/core/host';
import type { SecretRedactor } from '../logging/SecretRedactor.js';

/** A value as short JSON, redacted *before* it is cut, so no part of a secret survives the cut. */
const short = (value: unknown, redactor: SecretRedactor): string => {
  const text = redactor.redact(JSON.stringify(value) ?? 'undefined');
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
};

function nodeLines(node: ExplainNode, indent: string, redactor: SecretRedactor): string[] {
  const lines = [`${indent}${short(node.expression, redactor)} → ${short(node.value, redactor)}`];
  for (const child of node.children) lines.push(...nodeLines(child, `${indent}  `, redactor));
  return lines;
}

/** "Why did this rule fire", as text: each rule listening to the event, its condition and sub-values. */
export function formatExplanation(
  rules: readonly RuleExplanation[],
  redactor: SecretRedactor,
  indent = '    ',
): string[] {
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
    if (r.condition) lines.push(...nodeLines(r.condition, `${indent}    `, redactor));
    else lines.push(`${indent}    (no condition: always)`);
  }
  return lines;
}
