import type { StateStore } from '@switchboard/core';
import { MemoryStateBackend, type StateBackend } from '@switchboard/core/host';

/**
 * A durable-flagged memory backend (so core keeps its event ledger in it) whose commits for one
 * namespace can be held (`hold`/`release`) or made to fail (`failing`), like a slow or broken disk: to
 * see when the webhook answers relative to the commit of its events. One instance can serve several
 * runtimes in turn: a restart on the same state.
 */
export class GatedStateBackend implements StateBackend {
  readonly durable = true;
  /** Commits of the gated namespace that came while held. */
  held = 0;
  /** Commits of the gated namespace fail while set (`Error: disk full`). */
  failing = false;
  readonly #inner = new MemoryStateBackend(undefined, { durable: true });
  readonly #gated: string;
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;

  constructor(gated: string) {
    this.#gated = gated;
  }

  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  open() {
    return this.#inner.open();
  }

  namespace(name: string): StateStore {
    const store = this.#inner.namespace(name);
    if (name !== this.#gated) return store;
    return {
      get: (key) => store.get(key),
      set: (key, value, options) => store.set(key, value, options),
      setIfAbsent: (key, value, options) => store.setIfAbsent(key, value, options),
      delete: (key) => store.delete(key),
      merge: (key, fields, options) => store.merge(key, fields, options),
      scan: (prefix) => store.scan(prefix),
      batch: async (ops) => {
        if (this.failing) throw new Error('disk full');
        if (this.#gate) {
          this.held += 1;
          await this.#gate;
        }
        return store.batch(ops);
      },
    };
  }

  flush(): Promise<void> {
    return this.#inner.flush();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
