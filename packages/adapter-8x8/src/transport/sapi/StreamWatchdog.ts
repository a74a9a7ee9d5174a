/**
 * Notices a stream that stopped making progress: nothing complete for `ms` milliseconds, whether it
 * went silent or keeps sending bytes that never finish a message (a message cut short that later
 * bytes pile onto). One timer per stream, re-armed only when it fires, so progress costs no timer work.
 */
export class StreamWatchdog {
  readonly #ms: number;
  readonly #onExpire: () => void;
  #deadline = 0;
  #timer: NodeJS.Timeout | undefined;
  #bytesSinceProgress = 0;
  #expired = false;

  constructor(ms: number, onExpire: () => void) {
    this.#ms = ms;
    this.#onExpire = onExpire;
  }

  get expired(): boolean {
    return this.#expired;
  }

  /** Bytes arrived since the last progress: the stream stalled rather than went silent. */
  get bytesSinceProgress(): number {
    return this.#bytesSinceProgress;
  }

  start(): void {
    this.progress();
    this.#arm(this.#ms);
  }

  /** Something complete arrived (a frame, or idle whitespace between frames). */
  progress(): void {
    this.#deadline = performance.now() + this.#ms;
    this.#bytesSinceProgress = 0;
  }

  received(bytes: number): void {
    this.#bytesSinceProgress += bytes;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delay: number): void {
    this.#timer = setTimeout(() => this.#check(), Math.max(1, delay));
  }

  #check(): void {
    const left = this.#deadline - performance.now();
    if (left > 0) {
      this.#arm(left);
      return;
    }
    this.#expired = true;
    this.#timer = undefined;
    this.#onExpire();
  }
}
