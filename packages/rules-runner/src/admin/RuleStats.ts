import type { Diagnostic, Diagnostics } from '@switchboard/core';

/** What one rule did since the daemon started. */
export interface RuleStat {
  /** Events it matched. */
  hits: number;
  /** ISO time of the last event it matched. */
  lastFired?: string;
  /** Actions of it that failed. */
  failures: number;
  lastFailure?: { readonly action: string; readonly error: string; readonly time: string };
}

/**
 * Hit counts, last fired and failures by rule name, for the console's rule list. Kept by name across
 * reloads (an edited rule keeps its counts); one map update per matched rule on the event path.
 */
export class RuleStats {
  readonly #byRule = new Map<string, RuleStat>();

  constructor(diagnostics: Diagnostics) {
    diagnostics.subscribe((d) => this.#on(d), ['matched', 'action']);
  }

  get(rule: string): RuleStat {
    return this.#byRule.get(rule) ?? { hits: 0, failures: 0 };
  }

  #stat(rule: string): RuleStat {
    let stat = this.#byRule.get(rule);
    if (!stat) {
      stat = { hits: 0, failures: 0 };
      this.#byRule.set(rule, stat);
    }
    return stat;
  }

  #on(d: Diagnostic): void {
    if (d.kind === 'matched') {
      for (const rule of d.rules) {
        const stat = this.#stat(rule);
        stat.hits += 1;
        stat.lastFired = d.event.time;
      }
    } else if (d.kind === 'action' && d.outcome.status === 'failed') {
      const stat = this.#stat(d.outcome.rule);
      stat.failures += 1;
      stat.lastFailure = {
        action: d.outcome.action,
        error: d.outcome.error ?? 'failed',
        time: new Date().toISOString(),
      };
    }
  }
}
