import { createHash } from 'node:crypto';
import { RepeatAnswers, type StateStore } from '@switchboard/core';
import type { XucmgtAnswer } from '../mapping/xucmgtAnswer.js';

/** One answered POST: what its repeats are answered with. */
export interface AnsweredPost {
  readonly answer: XucmgtAnswer;
  /** The event the rules ran for (named in the log line of a repeat). */
  readonly eventId: string;
  readonly callId?: string;
}

/** An answered POST as stored: the user's JWT cut out of the URL, so no token is ever written to disk. */
interface StoredPost {
  readonly answer: XucmgtAnswer;
  /** The URL split where the (encoded) token was, when `passToken` put it there. */
  readonly urlParts?: readonly string[];
  readonly eventId: string;
  readonly callId?: string;
}

export interface RepeatedPostsOptions {
  /** How long an answer is given again to repeats (`repeatWindow`); 0: never. */
  readonly windowMs: number;
  /** How long a repeat waits for the first POST's answer (a little more than `answerTimeout`). */
  readonly waitMs: number;
}

/** What a POST gets: the answer (`repeated` when another POST computed it), or none in time. */
export type RepeatedPostOutcome =
  | { readonly post: AnsweredPost; readonly repeated: boolean }
  | { readonly post: undefined; readonly repeated: true };

/**
 * Answers of recent POSTs by `repeatKey`, in the instance's durable state (`xu.repeat/<digest>`) for
 * `windowMs` after they were answered: a repeated POST (a second tab, a retry, one sent again after a
 * restart of the daemon) waits for, or gets at once, the first one's answer instead of running the rules
 * again. On a shared store this holds across nodes too. The token is cut out before the answer is stored
 * and put back from the repeat's own request: the key includes the token's digest, so it is the same one.
 */
export class RepeatedPosts {
  readonly #answers: RepeatAnswers<StoredPost> | undefined;

  constructor(store: StateStore, options: RepeatedPostsOptions) {
    this.#answers =
      options.windowMs > 0
        ? new RepeatAnswers<StoredPost>(store, {
            windowMs: options.windowMs,
            waitMs: options.waitMs,
            prefix: 'xu.repeat/',
          })
        : undefined;
  }

  /** False with `repeatWindow` 0: every POST runs the rules, so no key needs to be computed. */
  get enabled(): boolean {
    return this.#answers !== undefined;
  }

  /**
   * The answer of the first POST with this key within the window, else runs `work`. Without a key (a
   * POST whose answer must not be shared) it always runs `work`, and keeps nothing.
   */
  async once(
    key: string | undefined,
    token: string | undefined,
    work: () => Promise<AnsweredPost>,
  ): Promise<RepeatedPostOutcome> {
    if (key === undefined || this.#answers === undefined) return { post: await work(), repeated: false };
    const outcome = await this.#answers.answer(digest(key), async () => withheld(await work(), token));
    if (!outcome.answered) return { post: undefined, repeated: true };
    return { post: restored(outcome.value, token), repeated: outcome.repeat };
  }
}

const digest = (key: string): string => createHash('sha256').update(key).digest('base64url');

function withheld(post: AnsweredPost, token: string | undefined): StoredPost {
  const url = post.answer.url;
  if (token === undefined || token === '' || url === undefined) return post;
  const parts = url.split(encodeURIComponent(token));
  if (parts.length === 1) return post;
  // `url` stays in its place (empty), so a repeat's answer is the same JSON, keys in the same order.
  return { ...post, answer: { ...post.answer, url: '' }, urlParts: parts };
}

function restored(stored: StoredPost, token: string | undefined): AnsweredPost {
  const { urlParts, ...post } = stored;
  if (urlParts === undefined) return post;
  return { ...post, answer: { ...post.answer, url: urlParts.join(encodeURIComponent(token ?? '')) } };
}
