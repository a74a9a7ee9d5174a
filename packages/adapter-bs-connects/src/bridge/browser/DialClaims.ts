/** The part of `navigator.locks` the claims use. */
export interface LockRequester {
  request(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<void> | undefined,
  ): Promise<unknown>;
}

/**
 * Which of the agent's tabs handles a `beforeDial`. b+s may raise the agent's dial in every tab that
 * runs the integration (as it does CTI events), or only in the tab the agent dialed in; its docs do not
 * say. The copies carry nothing that tells them apart, only the number, and reach the tabs within
 * moments of each other. So the first tab to claim the number (a Web Lock, shared by the tabs of the
 * page's origin) handles it, and holds the claim while it does, and at least `holdMs` after the
 * event: the copies in other tabs find it taken and are dropped. A dial of the same number after that
 * is the agent's next dial. Without Web Locks every tab handles its own copy. Runs in the browser
 * (self-contained).
 */
export class DialClaims {
  readonly #locks: LockRequester | undefined;
  readonly #prefix: string;
  readonly #holdMs: number;
  readonly #changed: () => void;
  /** Dials this tab is handling, or holds the claim of against copies. */
  held = 0;
  /** Copies of a dial another tab handles, dropped here. */
  copies = 0;

  constructor(locks: LockRequester | undefined, prefix: string, holdMs: number, changed: () => void) {
    this.#locks = locks;
    this.#prefix = prefix;
    this.#holdMs = holdMs;
    this.#changed = changed;
  }

  /** Claims the dial of `number`; resolves to its release, or undefined when another tab has it. */
  claim(number: string): Promise<(() => void) | undefined> {
    const locks = this.#locks;
    const since = Date.now();
    const held = (release: () => void): (() => void) => {
      this.held += 1;
      this.#changed();
      return () => {
        setTimeout(
          () => {
            this.held -= 1;
            release();
            this.#changed();
          },
          Math.max(0, since + this.#holdMs - Date.now()),
        );
      };
    };
    if (!locks) return Promise.resolve(held(() => undefined));
    return new Promise((resolve) => {
      locks
        .request(`${this.#prefix}${number}`, { ifAvailable: true }, (lock) => {
          if (lock === null) {
            this.copies += 1;
            this.#changed();
            resolve(undefined);
            return undefined;
          }
          return new Promise<void>((release) => resolve(held(release)));
        })
        .catch(() => resolve(held(() => undefined)));
    });
  }
}
