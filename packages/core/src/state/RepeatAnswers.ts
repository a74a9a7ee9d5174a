import type { StateStore } from '../contract/StateStore.js';
import { keyPart } from './stateKey.js';

export interface RepeatAnswersOptions {
  /** How long a given answer is given again to a repeat of the same request. */
  readonly windowMs: number;
  /** How long a repeat waits for the first request's answer; also how long a first request may take. */
  readonly waitMs: number;
  /** How often a waiting repeat looks again (default 25 ms). */
  readonly pollMs?: number;
  /** Key prefix in the store (default `repeat/`). */
  readonly prefix?: string;
}

/** What `answer` gave: the answer (`repeat` when another request computed it), or nothing in time. */
export type RepeatOutcome<T> =
  | { readonly answered: true; readonly value: T; readonly repeat: boolean }
  | { readonly answered: false; readonly reason: 'timeout' };

interface AnswerRecord<T> {
  readonly s: 'pending' | 'done';
  readonly v?: T;
}

/**
 * One answer per request key within a window, across restarts and (with a shared store) across nodes: a
 * vendor that sends the same request again (a retry, a second tab, a repeat after a timeout) gets the
 * answer the first one got, and the rules run once. The first caller claims the key (`setIfAbsent`),
 * computes and stores the answer; the others poll for it until `waitMs`. A first caller that fails frees
 * the key, so the next repeat computes again.
 */
export class RepeatAnswers<T = unknown> {
  readonly #store: StateStore;
  readonly #options: Required<RepeatAnswersOptions>;

  constructor(store: StateStore, options: RepeatAnswersOptions) {
    this.#store = store;
    this.#options = { pollMs: 25, prefix: 'repeat/', ...options };
  }

  async answer(requestKey: string, compute: () => Promise<T>): Promise<RepeatOutcome<T>> {
    const { windowMs, waitMs, pollMs } = this.#options;
    const key = `${this.#options.prefix}${keyPart(requestKey)}`;
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (await this.#store.setIfAbsent(key, { s: 'pending' } satisfies AnswerRecord<T>, { ttlMs: waitMs })) {
        let value: T;
        try {
          value = await compute();
        } catch (error) {
          await this.#store.delete(key).catch(() => undefined);
          throw error;
        }
        await this.#store.set(key, { s: 'done', v: value } satisfies AnswerRecord<T>, { ttlMs: windowMs });
        return { answered: true, value, repeat: false };
      }
      // Another request has it: wait for its answer (or for it to give up, then try to take it).
      while (Date.now() < deadline) {
        const found = await this.#store.get<AnswerRecord<T>>(key);
        if (found?.s === 'done') return { answered: true, value: found.v as T, repeat: true };
        if (found === undefined) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      if (Date.now() >= deadline) return { answered: false, reason: 'timeout' };
    }
  }
}
