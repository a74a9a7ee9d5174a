import type { CilResult, StorageLike } from './browserTypes.js';

/**
 * Requests the daemon sent with a key (a screen pop, a notification, a click-to-dial) and what b+s
 * answered. A daemon that restarted before it heard the answer sends the request again with the same key:
 * it gets the first answer, and b+s does not open a second session. A request still running when its key
 * comes again shares the running one's answer. Kept in the tab's `sessionStorage` (so a reload of the
 * integration, as on login recovery, keeps them), at most `max`, the oldest forgotten first; in memory
 * when the page has no storage. Refused requests are not kept: nothing happened, so trying again is right.
 * Runs in the browser (self-contained).
 */
export class DoneRequests {
  readonly #storage: StorageLike | undefined;
  readonly #storageKey: string;
  readonly #max: number;
  readonly #done = new Map<string, CilResult>();
  readonly #running = new Map<string, Promise<CilResult>>();
  /** Requests answered from an earlier one with the same key (sent again after a daemon restart). */
  repeated = 0;

  constructor(storage: StorageLike | undefined, storageKey: string, max: number) {
    this.#storage = storage;
    this.#storageKey = storageKey;
    this.#max = max;
    for (const [key, result] of this.#load()) this.#done.set(key, result);
  }

  get size(): number {
    return this.#done.size;
  }

  /** Runs `request` once per key; a repeated key gets the first answer (or shares the running request). */
  once(key: string, request: () => Promise<CilResult>): Promise<CilResult> {
    const done = this.#done.get(key);
    if (done !== undefined) {
      this.repeated += 1;
      return Promise.resolve(done);
    }
    const running = this.#running.get(key);
    if (running !== undefined) {
      this.repeated += 1;
      return running;
    }
    const promise = request().then(
      (result) => {
        this.#running.delete(key);
        if (result.success === true) this.#remember(key, result);
        return result;
      },
      (error: unknown) => {
        this.#running.delete(key);
        throw error;
      },
    );
    this.#running.set(key, promise);
    return promise;
  }

  #remember(key: string, result: CilResult): void {
    // A large response (a whole record) is not worth the tab's storage: the repeat gets `success` only.
    let kept: CilResult = result;
    try {
      if (JSON.stringify(result).length > 2000) kept = { success: true };
    } catch {
      kept = { success: true };
    }
    this.#done.set(key, kept);
    while (this.#done.size > this.#max) {
      const oldest = this.#done.keys().next().value;
      if (oldest === undefined) break;
      this.#done.delete(oldest);
    }
    try {
      this.#storage?.setItem(this.#storageKey, JSON.stringify([...this.#done]));
    } catch {
      // Storage full or blocked: the keys stay in memory for this page's life.
    }
  }

  #load(): [string, CilResult][] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.#storage?.getItem(this.#storageKey) ?? '[]');
    } catch {
      return [];
    }
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (entry: unknown): entry is [string, CilResult] =>
          Array.isArray(entry) &&
          typeof entry[0] === 'string' &&
          typeof entry[1] === 'object' &&
          entry[1] !== null &&
          (entry[1] as CilResult).success === true,
      )
      .slice(-this.#max);
  }
}
