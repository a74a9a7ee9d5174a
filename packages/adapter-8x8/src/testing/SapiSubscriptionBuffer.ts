import type { SapiWireEvent } from './sapiEncoding.js';

/** An event kept for a subscription, and whether a connection got all of it. */
export interface StoredEvent {
  readonly event: SapiWireEvent;
  readonly at: number;
  readonly delivered: boolean;
  markDelivered(): void;
}

/**
 * What SAPI keeps per subscription id: the events of the replay window, replayed when the client
 * comes back with the same id; a subscription disconnected longer than the window starts afresh.
 */
export class SapiSubscriptionBuffer {
  readonly id: string;
  readonly #windowMs: number;
  readonly #events: StoredEvent[] = [];
  #disconnectedAt: number | undefined;

  constructor(id: string, windowMs: number) {
    this.id = id;
    this.#windowMs = windowMs;
  }

  add(event: SapiWireEvent, now: number): StoredEvent {
    this.#prune(now);
    let delivered = false;
    const stored: StoredEvent = {
      event,
      at: now,
      get delivered() {
        return delivered;
      },
      markDelivered: () => {
        delivered = true;
      },
    };
    this.#events.push(stored);
    return stored;
  }

  /** The events a (re)connecting client gets. */
  replay(now: number, mode: 'history' | 'missed'): StoredEvent[] {
    this.#prune(now);
    this.#disconnectedAt = undefined;
    return mode === 'history' ? [...this.#events] : this.#events.filter((e) => !e.delivered);
  }

  disconnected(now: number): void {
    this.#disconnectedAt = now;
  }

  /** Disconnected for longer than the window: SAPI unsubscribed it. */
  expired(now: number): boolean {
    return this.#disconnectedAt !== undefined && now - this.#disconnectedAt > this.#windowMs;
  }

  #prune(now: number): void {
    while (this.#events.length > 0 && now - (this.#events[0]?.at ?? now) > this.#windowMs)
      this.#events.shift();
  }
}
