import { injectable } from '@switchboard/core';

/**
 * Holds the XiVO user's JWT of each POST still waiting for its answer, by event id, so the token never
 * travels inside the event (not in `raw`, not in `vars`, so never in a log line or a diagnostic). Only
 * `thirdPartyOpen` with `passToken` reads it, to put it into the pane URL the rule asked for.
 */
@injectable()
export class UserTokenVault {
  readonly #tokens = new Map<string, string>();

  /** Keeps the token while `work` runs; forgets it when `work` settles. */
  async hold<T>(eventId: string, token: string | undefined, work: () => Promise<T>): Promise<T> {
    if (token === undefined || token === '') return work();
    this.#tokens.set(eventId, token);
    try {
      return await work();
    } finally {
      this.#tokens.delete(eventId);
    }
  }

  tokenFor(eventId: string): string | undefined {
    return this.#tokens.get(eventId);
  }

  get size(): number {
    return this.#tokens.size;
  }
}
