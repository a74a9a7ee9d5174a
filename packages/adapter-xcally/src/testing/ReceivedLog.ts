/** A command a client sent to the emulator, e.g. `AgentCTI {url, peer, mode}`. */
export interface ReceivedCommand {
  readonly name: string;
  /** The first argument (xCALLY commands carry one object). */
  readonly payload: unknown;
  readonly client: string;
  readonly at: string;
}

/** Everything clients sent, in order, with waiting and listening for tests and the CLI. */
export class ReceivedLog {
  readonly #items: ReceivedCommand[] = [];
  readonly #listeners = new Set<(command: ReceivedCommand) => void>();

  add(client: string, name: string, args: readonly unknown[]): void {
    const command: ReceivedCommand = { name, payload: args[0], client, at: new Date().toISOString() };
    this.#items.push(command);
    for (const listener of this.#listeners) listener(command);
  }

  list(name?: string): ReceivedCommand[] {
    return name === undefined ? [...this.#items] : this.#items.filter((c) => c.name === name);
  }

  clear(): void {
    this.#items.length = 0;
  }

  subscribe(listener: (command: ReceivedCommand) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once at least `count` commands named `name` arrived (all of them), or rejects at the deadline. */
  waitFor(name: string, count: number, timeoutMs: number): Promise<ReceivedCommand[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.list(name);
        if (found.length < count) return false;
        clearTimeout(timer);
        unsubscribe();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        unsubscribe();
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${count} ${name} (got ${this.list(name).length})`,
          ),
        );
      }, timeoutMs);
      const unsubscribe = this.subscribe(() => void check());
      check();
    });
  }
}
