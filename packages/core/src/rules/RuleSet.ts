import type { NormalizedEvent } from '../events/NormalizedEvent.js';
import type { CompiledRule } from './CompiledRule.js';
import { type ExplainNode, explainCondition, RuleIndex } from './conditions/index.js';

/** Why a rule did or did not fire for one event. */
export interface RuleExplanation {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly matched: boolean;
  /** Left out by the rule's `from:` list. */
  readonly excludedBySource: boolean;
  /** Matched, but an earlier rule with `stop: true` matched first. */
  readonly stoppedBy?: string;
  /** The condition's value and its sub-expressions'; absent for rules without `if`. */
  readonly condition?: ExplainNode;
}

/** An immutable, indexed set of compiled rules; swapped as a whole on reload. */
export class RuleSet {
  readonly rules: readonly CompiledRule[];
  readonly files: readonly string[];
  readonly #index: RuleIndex<CompiledRule>;

  constructor(rules: readonly CompiledRule[], files: readonly string[] = []) {
    this.rules = rules;
    this.files = files;
    this.#index = new RuleIndex(rules);
  }

  static empty(): RuleSet {
    return new RuleSet([]);
  }

  /** The event's keys for rule lookup: its type and, for vendor events, `<adapter>.<name>`. */
  static keysOf(event: Pick<NormalizedEvent, 'type' | 'vendorEvent'>): string[] {
    return event.vendorEvent ? [event.type, event.vendorEvent] : [event.type];
  }

  /** Rules that match the event, in load order, honouring `from` and `stop`. `data` is what conditions see. */
  match(event: NormalizedEvent, data: unknown): CompiledRule[] {
    // The index returns a fresh array: it is filtered in place.
    const out = this.#index.match(RuleSet.keysOf(event), data);
    let kept = 0;
    for (let i = 0; i < out.length; i++) {
      const rule = out[i] as CompiledRule;
      if (rule.from && !rule.from.has(event.source)) continue;
      out[kept++] = rule;
      if (rule.stop) break;
    }
    out.length = kept;
    return out;
  }

  /**
   * Every rule listening to the event's type, in order, with the value of its condition and of each
   * sub-expression for `data`: the answer to "why did (not) this rule fire".
   */
  explain(event: NormalizedEvent, data: unknown): RuleExplanation[] {
    const keys = RuleSet.keysOf(event);
    const out: RuleExplanation[] = [];
    let stoppedBy: string | undefined;
    for (const rule of this.rules) {
      if (!rule.on.some((key) => keys.includes(key))) continue;
      const excludedBySource = rule.from !== undefined && !rule.from.has(event.source);
      const condition = rule.condition === undefined ? undefined : explainCondition(rule.condition, data);
      const passes = !excludedBySource && (condition === undefined || condition.truthy);
      out.push({
        rule: rule.name,
        file: rule.position.file,
        line: rule.position.line,
        matched: passes && stoppedBy === undefined,
        excludedBySource,
        ...(passes && stoppedBy !== undefined ? { stoppedBy } : {}),
        ...(condition ? { condition } : {}),
      });
      if (passes && rule.stop && stoppedBy === undefined) stoppedBy = rule.name;
    }
    return out;
  }
}
