/**
 * Runs tasks one after another per key (a call id), so the events of one call are handled in the order
 * they arrived and a `set` on `ringing` is visible to the rules of `up`. Different calls run concurrently.
 */
export class CallQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    if (key === undefined) return task();
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return current;
  }

  get size(): number {
    return this.#tails.size;
  }
}
