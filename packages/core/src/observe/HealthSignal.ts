import type { StateHealth } from '../state/StateBackend.js';

/**
 * A health its owner sets (a backend's PING loop, a failed command), with the `health`/`onHealth` pair of
 * `StateBackend`: listeners hear each change of up/down once, not each repeat.
 */
export class HealthSignal {
  #health: StateHealth;
  readonly #listeners = new Set<(up: boolean) => void>();

  constructor(up = true) {
    this.#health = { up };
  }

  get health(): StateHealth {
    return this.#health;
  }

  set(up: boolean, detail?: string): void {
    const changed = up !== this.#health.up;
    this.#health = up || detail === undefined ? { up } : { up, detail };
    if (!changed) return;
    for (const listener of this.#listeners) {
      try {
        listener(up);
      } catch {
        // One listener's failure does not keep the others from hearing it.
      }
    }
  }

  onHealth(listener: (up: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
