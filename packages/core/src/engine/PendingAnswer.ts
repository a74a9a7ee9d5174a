export type RequestOutcome<T = unknown> =
  | { readonly answered: true; readonly value: T; readonly rule: string }
  | { readonly answered: false; readonly reason: 'no-match' | 'timeout' | 'duplicate' | 'rejected' };

/** The answer an event waits for (XucMgt's POST, b+s `beforeDial`): the first answering action wins. */
export class PendingAnswer<T = unknown> {
  readonly promise: Promise<RequestOutcome<T>>;
  #resolve!: (outcome: RequestOutcome<T>) => void;
  #settled = false;
  readonly #timer: NodeJS.Timeout;

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

  answer(value: T, rule: string): boolean {
    return this.settle({ answered: true, value, rule });
  }

  settle(outcome: RequestOutcome<T>): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#resolve(outcome);
    return true;
  }
}
