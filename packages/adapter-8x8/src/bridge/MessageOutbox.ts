import type { BridgeDropReport } from '../transport/maestro/bridgeProtocol.js';

/** A message for the daemon, waiting for its acknowledgement. */
export interface OutboxMessage {
  /** socket.io event name (`bridgeMessages.envelope` or `.invalid`). */
  readonly event: string;
  readonly payload: { readonly messageId: string };
  /** When the Maestro iframe posted it (ms since the epoch). */
  readonly at: number;
}

/**
 * What the bridge has to deliver, in order, until the daemon acknowledges it: every message waits
 * here, so one posted while the daemon restarts is sent once it is back. Bounded by count and age
 * (a call event minutes late would dial or pop up for a call long gone); what falls out is counted
 * and reported to the daemon when it is back.
 */
export class MessageOutbox {
  readonly #maxMessages: number;
  readonly #maxAgeMs: number;
  #items: OutboxMessage[] = [];
  #dropped = 0;
  #droppedEver = 0;
  #reasons = new Set<string>();

  constructor(maxMessages: number, maxAgeMs: number) {
    this.#maxMessages = maxMessages;
    this.#maxAgeMs = maxAgeMs;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Messages dropped since the bridge started. */
  get dropped(): number {
    return this.#droppedEver;
  }

  push(message: OutboxMessage): void {
    this.#items.push(message);
    while (this.#items.length > this.#maxMessages) {
      this.#items.shift();
      this.#drop(`more than ${this.#maxMessages} messages waiting`);
    }
  }

  /** The oldest message still worth sending; older ones are dropped first. */
  peek(now: number): OutboxMessage | undefined {
    for (;;) {
      const head = this.#items[0];
      if (head === undefined || now - head.at <= this.#maxAgeMs) return head;
      this.#items.shift();
      this.#drop(`older than ${Math.round(this.#maxAgeMs / 1000)} s when Switchboard was back`);
    }
  }

  /** Removes a message once the daemon acknowledged it. */
  remove(message: OutboxMessage): void {
    if (this.#items[0] === message) this.#items.shift();
    else this.#items = this.#items.filter((item) => item !== message);
  }

  /** Messages dropped since the last report (and resets the count); undefined when none were. */
  takeReport(): BridgeDropReport | undefined {
    if (this.#dropped === 0) return undefined;
    const report = { dropped: this.#dropped, reason: [...this.#reasons].join('; ') };
    this.#dropped = 0;
    this.#reasons = new Set();
    return report;
  }

  #drop(reason: string): void {
    this.#dropped += 1;
    this.#droppedEver += 1;
    this.#reasons.add(reason);
  }
}
