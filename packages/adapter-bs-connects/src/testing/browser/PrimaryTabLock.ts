/**
 * Which of an agent's tabs is the primary one: the first to take a Web Lock holds it until it closes,
 * then the next waiting tab gets it. Without Web Locks every tab is primary. Runs in the browser
 * (self-contained).
 */
export class PrimaryTabLock {
  held = false;
  /** Resolves once this tab knows whether it is primary. */
  readonly claimed: Promise<void>;

  constructor(name: string) {
    this.claimed = this.#claim(name);
  }

  async #claim(name: string): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      this.held = true;
      return;
    }
    const forever = () => new Promise<void>(() => undefined);
    await new Promise<void>((resolve) => {
      void locks.request(name, { ifAvailable: true }, (lock) => {
        this.held = lock !== null;
        resolve();
        if (lock) return forever();
        void locks.request(name, () => {
          this.held = true;
          return forever();
        });
        return undefined;
      });
    });
  }
}
