export type RequestOutcome<T = unknown> =
  | { readonly answered: true; readonly value: T; readonly rule: string }
  | {
      readonly answered: false;
      /**
       * `stopping`: the daemon is draining and runs no new request (answer as with no match, but do not
       * keep that answer: the same request after the restart runs the rules).
       */
      readonly reason: 'no-match' | 'stopping' | 'timeout' | 'duplicate' | 'rejected';
    };

/**
 * The answer an event waits for (a web service's POST, a browser asking before it dials). Rules run concurrently, but the
 * answer is the one of the *first* matched rule (in rule order) that answers: a later rule's answer is
 * held until every earlier rule that could answer has finished without answering.
 */
export class PendingAnswer<T = unknown> {
  readonly promise: Promise<RequestOutcome<T>>;
  #resolve!: (outcome: RequestOutcome<T>) => void;
  #settled = false;
  readonly #timer: NodeJS.Timeout;
  /** Matched rules that can answer, in rule order, not yet finished. */
  #waitingFor: string[] = [];
  readonly #held = new Map<string, T>();

  constructor(timeoutMs: number) {
    this.promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    this.#timer = setTimeout(() => this.settle({ answered: false, reason: 'timeout' }), timeoutMs);
    this.#timer.unref?.();
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** The matched rules that have an answering action, in rule order (set before they run). */
  expect(rules: readonly string[]): void {
    this.#waitingFor = [...rules];
  }

  /** An answering action ran; it wins when no earlier rule can still answer. False when it lost or came late. */
  answer(value: T, rule: string): boolean {
    if (this.#settled || this.#held.has(rule)) return false;
    const first = this.#waitingFor[0];
    if (first === undefined || first === rule) return this.settle({ answered: true, value, rule });
    if (!this.#waitingFor.includes(rule)) return false;
    this.#held.set(rule, value);
    return true;
  }

  /** A rule finished: if it was the one everyone waited for, the next held answer (if any) wins. */
  ruleFinished(rule: string): void {
    const index = this.#waitingFor.indexOf(rule);
    if (index < 0 || this.#settled) return;
    const wasFirst = index === 0;
    this.#waitingFor.splice(index, 1);
    if (!wasFirst) return;
    const next = this.#waitingFor[0];
    if (next !== undefined && this.#held.has(next)) {
      this.settle({ answered: true, value: this.#held.get(next) as T, rule: next });
    }
  }

  settle(outcome: RequestOutcome<T>): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#resolve(outcome);
    return true;
  }
}
