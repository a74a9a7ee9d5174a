import type { SwitchboardError } from '@switchboard/core';

/** One problem of a reload, as the console shows it (`file:line:col message [CODE]`). */
export interface ReloadProblem {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly code: string;
  readonly message: string;
}

/** What started a reload. */
export type ReloadTrigger = 'start' | 'file change' | 'signal';

/** One load of the rules: at start, or a hot reload (kept or refused). */
export interface ReloadRecord {
  readonly seq: number;
  readonly time: string;
  readonly trigger: ReloadTrigger;
  readonly ok: boolean;
  /** Rules running after it (the previous ones, when it failed). */
  readonly rules: number;
  readonly problems: readonly ReloadProblem[];
  readonly warnings: readonly ReloadProblem[];
}

export const toReloadProblem = (e: SwitchboardError): ReloadProblem => ({
  ...(e.position ? { file: e.position.file, line: e.position.line, col: e.position.col } : {}),
  code: e.code,
  message: e.message,
});

/** The last `capacity` loads of the rules, newest first, with listeners for new ones. */
export class ReloadHistory {
  readonly #records: ReloadRecord[] = [];
  readonly #listeners = new Set<(record: ReloadRecord) => void>();
  #seq = 0;

  constructor(private readonly capacity = 20) {}

  add(record: Omit<ReloadRecord, 'seq'>): ReloadRecord {
    this.#seq += 1;
    const full = { seq: this.#seq, ...record };
    this.#records.unshift(full);
    this.#records.length = Math.min(this.#records.length, this.capacity);
    for (const listener of this.#listeners) {
      try {
        listener(full);
      } catch {
        // A broken listener must not stop a reload.
      }
    }
    return full;
  }

  list(): readonly ReloadRecord[] {
    return this.#records;
  }

  subscribe(listener: (record: ReloadRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
