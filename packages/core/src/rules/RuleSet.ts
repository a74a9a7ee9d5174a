import type { NormalizedEvent } from '../events/NormalizedEvent.js';
import type { CompiledRule } from './CompiledRule.js';
import { RuleIndex } from './conditions/index.js';

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
    const matched = this.#index.match(RuleSet.keysOf(event), data);
    const out: CompiledRule[] = [];
    for (const rule of matched) {
      if (rule.from && !rule.from.has(event.source)) continue;
      out.push(rule);
      if (rule.stop) break;
    }
    return out;
  }

  /** Rules that were considered for the event (same type, not excluded by `from`); for explain views. */
  considered(event: NormalizedEvent, data: unknown): CompiledRule[] {
    return this.#index
      .candidates(RuleSet.keysOf(event), data)
      .filter((r) => !r.from || r.from.has(event.source));
  }
}
