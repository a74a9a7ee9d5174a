import type { ActionOutcome } from '../contract/ActionExecutor.js';
import type { AdapterStatus } from '../contract/AdapterRuntime.js';
import type { NormalizedEvent } from '../events/NormalizedEvent.js';
import type { RuleSet } from '../rules/RuleSet.js';

/** Everything the runtime does that someone may want to watch: logs, metrics, the console, tests. */
export type Diagnostic =
  | {
      readonly kind: 'event';
      readonly event: NormalizedEvent;
      /** What conditions saw: the event with the call's accumulated vars at that moment (a copy). */
      readonly data: NormalizedEvent;
      /** The rule set the event met (for explaining it later, even after a reload). */
      readonly rules: RuleSet;
    }
  | { readonly kind: 'duplicate'; readonly event: NormalizedEvent }
  | {
      readonly kind: 'rejected';
      readonly source: string;
      readonly reason: string;
      readonly detail?: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'matched'; readonly event: NormalizedEvent; readonly rules: readonly string[] }
  | { readonly kind: 'action'; readonly outcome: ActionOutcome }
  | {
      readonly kind: 'rule-error';
      readonly event: NormalizedEvent;
      readonly rule: string;
      readonly error: string;
    }
  | { readonly kind: 'adapter-state'; readonly instance: string; readonly status: AdapterStatus }
  | { readonly kind: 'rules-loaded'; readonly count: number; readonly files: readonly string[] }
  | LeaseDiagnostic
  | { readonly kind: 'state'; readonly up: boolean; readonly detail?: string };

/**
 * A client connection's lease changed on this node: `acquired` (this node holds the vendor connection now),
 * `lost` (another node took it, or this node could not renew it and fenced itself), `released` (at stop).
 */
export interface LeaseDiagnostic {
  readonly kind: 'lease';
  readonly instance: string;
  readonly connection: string;
  readonly change: 'acquired' | 'lost' | 'released';
  readonly node: string;
  readonly fence: number;
  /** Events a warm standby held and ran when it took over (`acquired` only). */
  readonly replayed?: number;
}

export type DiagnosticListener = (diagnostic: Diagnostic) => void;

export type DiagnosticKind = Diagnostic['kind'];

/**
 * A synchronous fan-out of diagnostics; a listener that throws does not disturb the others. Listeners
 * may say which kinds they want, so the hot path builds a diagnostic only when someone listens to it.
 */
export class Diagnostics {
  readonly #listeners = new Map<DiagnosticListener, ReadonlySet<DiagnosticKind> | undefined>();
  readonly #wanted = new Map<DiagnosticKind, number>();
  #wantsAll = 0;

  subscribe(listener: DiagnosticListener, kinds?: readonly DiagnosticKind[]): () => void {
    const set = kinds ? new Set(kinds) : undefined;
    this.#listeners.set(listener, set);
    this.#count(set, 1);
    return () => {
      if (!this.#listeners.has(listener)) return;
      this.#listeners.delete(listener);
      this.#count(set, -1);
    };
  }

  /** Whether any listener wants diagnostics of this kind. */
  wants(kind: DiagnosticKind): boolean {
    return this.#wantsAll > 0 || (this.#wanted.get(kind) ?? 0) > 0;
  }

  emit(diagnostic: Diagnostic): void {
    for (const [listener, kinds] of this.#listeners) {
      if (kinds && !kinds.has(diagnostic.kind)) continue;
      try {
        listener(diagnostic);
      } catch {
        // A broken listener must not stop event processing.
      }
    }
  }

  #count(kinds: ReadonlySet<DiagnosticKind> | undefined, delta: number): void {
    if (!kinds) {
      this.#wantsAll += delta;
      return;
    }
    for (const kind of kinds) this.#wanted.set(kind, (this.#wanted.get(kind) ?? 0) + delta);
  }
}
