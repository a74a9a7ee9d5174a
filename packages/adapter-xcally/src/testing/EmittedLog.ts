/** One event the emulator sent, and who got it. */
export interface EmittedEvent {
  /** 1, 2, … in the order sent (across restarts). */
  readonly seq: number;
  /** The socket.io event name (`ringing`, `up`, …). */
  readonly name: string;
  readonly payload: unknown;
  readonly at: string;
  /** Clients connected when it was sent (a client whose TCP connection just died may still count). */
  readonly sentTo: number;
  /**
   * Clients that acknowledged it: counted only when the emulator asks for acknowledgements (`acks: true`),
   * else `undefined` (unknown). The adapter acknowledges an event once it is recorded.
   */
  readonly receivedBy: number | undefined;
}

interface Entry {
  readonly seq: number;
  readonly name: string;
  readonly payload: unknown;
  readonly at: string;
  readonly sentTo: number;
  receivedBy: number | undefined;
}

/** Every event the emulator sent, with how many clients it went to and how many acknowledged it. */
export class EmittedLog {
  readonly #items: Entry[] = [];

  /** Records a sent event; returns the function that counts one client's acknowledgement of it. */
  add(name: string, payload: unknown, sentTo: number, acks: boolean): () => void {
    const entry: Entry = {
      seq: this.#items.length + 1,
      name,
      payload,
      at: new Date().toISOString(),
      sentTo,
      receivedBy: acks ? 0 : undefined,
    };
    this.#items.push(entry);
    return () => {
      entry.receivedBy = (entry.receivedBy ?? 0) + 1;
    };
  }

  list(): EmittedEvent[] {
    return this.#items.map((entry) => ({ ...entry }));
  }
}
