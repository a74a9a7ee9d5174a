import { checkedConditionProgram } from './compileCondition.js';
import { type ConditionProgram, runConditionProgram } from './conditionProgram.js';
import { extractIndexKey } from './extractIndexKey.js';
import { truthy } from './jsonLogicTruthy.js';
import { LiteralBuckets } from './LiteralBuckets.js';
import { lookupVarPath, parseVarPath, type VarPath } from './varLookup.js';

export interface IndexableRule {
  /** Position of the rule; unique. Results are sorted by it. */
  readonly order: number;
  /** Event-type keys the rule listens to. */
  readonly on: readonly string[];
  /** json-logic condition; undefined means always. */
  readonly condition?: unknown;
}

/** A rule with its condition's program, kept together so matching touches one small object per rule. */
interface Entry<R> {
  readonly rule: R;
  readonly order: number;
  readonly program: ConditionProgram | undefined;
}

interface KeyedPath<R> {
  readonly pathText: string;
  readonly path: VarPath;
  readonly buckets: LiteralBuckets<Entry<R>>;
}

/** The rules listening to one event key: those without an index key, and the others by key path. */
interface EventRules<R> {
  readonly unindexed: Entry<R>[];
  readonly keyed: KeyedPath<R>[];
}

/**
 * Finds the rules an event can match without evaluating every rule: rules are grouped by event key and,
 * when their condition pins a `var` path to literals (see `extractIndexKey`), bucketed by those literals.
 * `match` returns exactly the rules whose `on` overlaps the event keys and whose condition is truthy.
 */
export class RuleIndex<R extends IndexableRule> {
  private readonly byEventKey = new Map<string, EventRules<R>>();

  constructor(rules: readonly R[]) {
    const orders = new Set<number>();
    for (const rule of [...rules].sort(byOrder)) {
      if (orders.has(rule.order)) {
        throw new Error(`RuleIndex: rule order ${rule.order} is not unique`);
      }
      orders.add(rule.order);
      const program = rule.condition === undefined ? undefined : checkedConditionProgram(rule.condition);
      this.addRule({ rule, order: rule.order, program });
    }
  }

  /** Rules listening to one of `eventKeys` whose index key allows `data`, sorted by order, without duplicates. */
  candidates(eventKeys: readonly string[], data: unknown): R[] {
    return this.entries(eventKeys, data).map((entry) => entry.rule);
  }

  /** The rules `data` matches: candidates whose condition is truthy, in order. */
  match(eventKeys: readonly string[], data: unknown): R[] {
    const entries = this.entries(eventKeys, data);
    const out: R[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as Entry<R>;
      if (entry.program === undefined || truthy(runConditionProgram(entry.program, data))) {
        out.push(entry.rule);
      }
    }
    return out;
  }

  private entries(eventKeys: readonly string[], data: unknown): Entry<R>[] {
    const out: Entry<R>[] = [];
    let sources = 0;
    for (let k = 0; k < eventKeys.length; k++) {
      const rules = this.byEventKey.get(eventKeys[k] as string);
      if (rules === undefined) {
        continue;
      }
      if (rules.unindexed.length > 0) {
        sources++;
        for (let i = 0; i < rules.unindexed.length; i++) {
          out.push(rules.unindexed[i] as Entry<R>);
        }
      }
      for (let p = 0; p < rules.keyed.length; p++) {
        const { path, buckets } = rules.keyed[p] as KeyedPath<R>;
        sources += buckets.collect(lookupVarPath(data, path, null), out);
      }
    }
    return sources > 1 ? sortUnique(out) : out;
  }

  private addRule(entry: Entry<R>): void {
    const { rule } = entry;
    const key = rule.condition === undefined ? undefined : extractIndexKey(rule.condition);
    for (const eventKey of new Set(rule.on)) {
      let rules = this.byEventKey.get(eventKey);
      if (rules === undefined) {
        rules = { unindexed: [], keyed: [] };
        this.byEventKey.set(eventKey, rules);
      }
      if (key === undefined) {
        rules.unindexed.push(entry);
        continue;
      }
      let keyed = rules.keyed.find((candidate) => candidate.pathText === key.path);
      if (keyed === undefined) {
        keyed = { pathText: key.path, path: parseVarPath(key.path), buckets: new LiteralBuckets<Entry<R>>() };
        rules.keyed.push(keyed);
      }
      keyed.buckets.add(entry, key);
    }
  }
}

function byOrder(a: { readonly order: number }, b: { readonly order: number }): number {
  return a.order - b.order;
}

function sortUnique<E extends { readonly order: number }>(rules: E[]): E[] {
  rules.sort(byOrder);
  let kept = 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as E;
    if (kept === 0 || (rules[kept - 1] as E).order !== rule.order) {
      rules[kept++] = rule;
    }
  }
  rules.length = kept;
  return rules;
}
