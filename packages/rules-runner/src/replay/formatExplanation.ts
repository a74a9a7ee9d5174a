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

const operatorOf = (node: ExplainNode): string | undefined =>
  typeof node.expression === 'object' && node.expression !== null && !Array.isArray(node.expression)
    ? Object.keys(node.expression)[0]
    : undefined;

/**
 * The sub-conditions that made a condition false: down `and` to its first false part, into every part
 * of an `or`, and to the comparison itself anywhere else.
 */
export function falseParts(node: ExplainNode): ExplainNode[] {
  if (node.truthy) return [];
  const operator = operatorOf(node);
  const parts = node.children.filter((c) => !c.truthy);
  if (operator === 'and' && parts.length > 0) return falseParts(parts[0] as ExplainNode);
  if (operator === 'or' && parts.length === node.children.length && parts.length > 0)
    return parts.flatMap(falseParts);
  return [node];
}

/** `{"==":[{"var":"call.queue"},"Sales"]} is false (call.queue is "Support")`. */
function becauseLine(node: ExplainNode, redactor: SecretRedactor): string {
  const reads = node.children
    .filter((c) => operatorOf(c) === 'var')
    .map((c) => {
      const path = (c.expression as { var: unknown }).var;
      const name = Array.isArray(path) ? path[0] : path;
      return `${String(name)} is ${short(c.value, redactor)}`;
    });
  const values = reads.length > 0 ? ` (${reads.join(', ')})` : '';
  return `${short(node.expression, redactor)} is false${values}`;
}

/** Why one rule did not fire, in a few words: source, stop, or the false parts of its condition. */
export function whyNotFired(r: RuleExplanation, source: string, redactor: SecretRedactor): string {
  if (r.matched) return 'fired';
  if (r.excludedBySource) return `not for events from \`${source}\` (its \`from:\`)`;
  if (r.stoppedBy) return `matched, but \`${r.stoppedBy}\` matched first and has \`stop: true\``;
  if (!r.condition) return 'did not fire';
  return `its condition is false: ${falseParts(r.condition)
    .map((n) => becauseLine(n, redactor))
    .join('; ')}`;
}

/** "Why did this rule fire", as text: each rule listening to the event, its condition and sub-values. */
export function formatExplanation(
  rules: readonly RuleExplanation[],
  redactor: SecretRedactor,
  indent = '    ',
  source = '',
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
    if (!r.matched && !r.excludedBySource && !r.stoppedBy && r.condition)
      lines.push(`${indent}    ${whyNotFired(r, source, redactor)}`);
  }
  return lines;
}
