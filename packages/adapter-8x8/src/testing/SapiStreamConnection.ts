import type { ServerResponse } from 'node:http';
import type { SapiSubscriptionBuffer, StoredEvent } from './SapiSubscriptionBuffer.js';
import { encodeSapiEvent, type SapiFraming, type SapiWireEvent } from './sapiEncoding.js';

export interface StreamSettings {
  readonly format: 'json' | 'xml';
  readonly newline: boolean;
  readonly framing: SapiFraming;
  /** Pieces of this many bytes per write; 0: whole. */
  readonly splitWrites: number;
}

/** One open SAPI stream of the emulator: writes framed events, and ends cleanly, breaks, or is cut. */
export class SapiStreamConnection {
  readonly subscription: SapiSubscriptionBuffer;
  readonly #res: ServerResponse;
  readonly #settings: StreamSettings;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #onClosed: (connection: SapiStreamConnection) => void;
  #first = true;
  #closed = false;
  /** Cut mid-event: nothing more is written; the connection breaks once the half is out. */
  #cut = false;

  constructor(
    subscription: SapiSubscriptionBuffer,
    res: ServerResponse,
    settings: StreamSettings,
    onClosed: (connection: SapiStreamConnection) => void,
  ) {
    this.subscription = subscription;
    this.#res = res;
    this.#settings = settings;
    this.#onClosed = onClosed;
    res.on('close', () => this.close(true));
  }

  get open(): boolean {
    return !this.#closed && !this.#cut;
  }

  /** Runs `task` every `ms` while the connection is open (or once after `ms` with `once`). */
  every(ms: number, task: () => void, once = false): void {
    this.#timers.push(once ? setTimeout(task, ms) : setInterval(task, ms));
  }

  /** An event kept for replay; marked delivered once written whole. `cut` sends only its first half. */
  send(stored: StoredEvent, cut = false): void {
    const text = this.#encode(stored.event);
    if (!cut) {
      this.write(text, () => stored.markDelivered());
      return;
    }
    if (!this.open) return;
    this.#cut = true;
    const bytes = Buffer.from(text);
    this.#res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () =>
      setTimeout(() => this.close(true), 20),
    );
  }

  /** Several kept events in one write. */
  sendMany(stored: readonly StoredEvent[]): void {
    let text = '';
    for (const s of stored) text += this.#encode(s.event);
    this.write(text, () => {
      for (const s of stored) s.markDelivered();
    });
  }

  /** An event not kept for replay (a `ClientCheck`). */
  sendWire(event: SapiWireEvent): void {
    this.write(this.#encode(event));
  }

  write(text: string, done?: () => void): void {
    if (!this.open || text === '') return;
    const bytes = Buffer.from(text);
    const size = this.#settings.splitWrites > 0 ? this.#settings.splitWrites : bytes.length;
    for (let i = 0; i < bytes.length; i += size) {
      const last = i + size >= bytes.length;
      this.#res.write(
        bytes.subarray(i, i + size),
        last ? (error) => (error ? undefined : done?.()) : undefined,
      );
    }
  }

  /** Ends the stream: cleanly (as SAPI does after 60 minutes) or abruptly (the socket is destroyed). */
  close(abrupt: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.subscription.disconnected(Date.now());
    this.#onClosed(this);
    if (abrupt) this.#res.socket?.destroy();
    else this.#res.end();
  }

  #encode(event: SapiWireEvent): string {
    const { format, framing, newline } = this.#settings;
    const text = encodeSapiEvent(event, format, framing, newline, this.#first);
    this.#first = false;
    return text;
  }
}
