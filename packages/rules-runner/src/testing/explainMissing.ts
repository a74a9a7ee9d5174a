import type { CompiledRule, RuleSet } from '@switchboard/core';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { formatExplanation, whyNotFired } from '../replay/formatExplanation.js';
import { actionMatches, type ExpectedAction, type SeenAction } from './matchActions.js';
import type { GivenEvent } from './runRuleTest.js';

/** Expected actions no actual action accounts for (matched in order, each actual action used once). */
export function missingActions(
  expected: readonly ExpectedAction[],
  actual: readonly SeenAction[],
): ExpectedAction[] {
  const used = new Set<number>();
  const missing: ExpectedAction[] = [];
  for (const e of expected) {
    const i = actual.findIndex((a, index) => !used.has(index) && actionMatches(a, e));
    if (i >= 0) used.add(i);
    else missing.push(e);
  }
  return missing;
}

const where = (rule: CompiledRule): string => `${rule.position.file}:${rule.position.line}`;

const eventLabel = (g: GivenEvent): string =>
  `given event ${g.given + 1} (${g.event.type}${g.event.vendorEvent ? `, ${g.event.vendorEvent}` : ''})`;

/**
 * For each expected action that did not happen: which rules carry that action out, and why each did not
 * fire for the given events (not listening, another source, stopped, or the false part of its condition).
 */
export function explainMissing(
  missing: readonly ExpectedAction[],
  events: readonly GivenEvent[],
  rules: RuleSet,
  redactor: SecretRedactor,
): string[] {
  const lines: string[] = [];
  for (const action of missing) {
    const doers = rules.rules.filter((r) =>
      r.actions.some(
        (a) => a.name === action.action && (action.via === undefined || (a.via ?? action.via) === action.via),
      ),
    );
    lines.push(`why no \`${action.action}\`${action.via ? ` via ${action.via}` : ''}:`);
    if (doers.length === 0) {
      lines.push(`  no rule does \`${action.action}\``);
      continue;
    }
    for (const rule of doers) {
      const seen = events.flatMap((g) => {
        const r = g.rules.find((x) => x.rule === rule.name);
        return r ? [{ g, r }] : [];
      });
      if (seen.length === 0) {
        const given =
          [...new Set(events.map((g) => g.event.vendorEvent ?? g.event.type))].join(', ') || 'none';
        lines.push(
          `  ✗ ${rule.name} ${where(rule)}: listens to ${rule.on.join(', ')}; no given event is one of them (given: ${given})`,
        );
        continue;
      }
      for (const { g, r } of seen) {
        const why = r.matched
          ? 'fired (its actions are in the diff above)'
          : whyNotFired(r, g.event.source, redactor);
        lines.push(`  ${r.matched ? '✓' : '✗'} ${rule.name} ${where(rule)} on ${eventLabel(g)}: ${why}`);
      }
    }
  }
  return lines;
}

/** `--explain`: every published event with every rule listening to it, as `replay --explain` shows it. */
export function explainEvents(events: readonly GivenEvent[], redactor: SecretRedactor): string[] {
  const lines: string[] = [];
  for (const g of events) {
    lines.push(`${eventLabel(g)} from ${g.event.source}${g.event.call ? ` call ${g.event.call.id}` : ''}:`);
    lines.push(...formatExplanation(g.rules, redactor, '  ', g.event.source));
  }
  return lines;
}
