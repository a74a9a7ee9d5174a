import type { BridgeRole, OutboxEntry, SocketLike } from './browserTypes.js';
import type { EventOutbox } from './EventOutbox.js';

export interface EventForwarderDeps {
  readonly outbox: EventOutbox;
  readonly ackTimeoutMs: number;
  readonly retryMs: number;
  readonly now: () => number;
  readonly newId: () => string;
  /** Places the call the agent asked for, unchanged (no rule decided). */
  readonly dialOriginal: (dialedNumber: string) => void;
  readonly changed: () => void;
}

/**
 * Forwards the library's events to the daemon in order. The primary tab forwards every event and keeps
 * those raised while the daemon is away; any tab forwards the `beforeDial` the agent raised in it and
 * dials the original number itself when the daemon says no rule dialed, does not answer, or is away.
 * Runs in the browser (self-contained).
 */
export class EventForwarder {
  readonly #deps: EventForwarderDeps;
  #socket: SocketLike | undefined;
  #pumping = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  role: BridgeRole = 'unknown';
  beforeDialTimeoutMs = 4000;
  delivered = 0;
  undecidedDials = 0;

  constructor(deps: EventForwarderDeps) {
    this.#deps = deps;
  }

  get queued(): number {
    return this.#deps.outbox.size;
  }

  attach(socket: SocketLike): void {
    this.#socket = socket;
  }

  /** A CTI event: the primary tab (or a tab that does not know yet) keeps it for the daemon. */
  raise(name: string, data: unknown): void {
    if (this.role === 'secondary') return;
    const at = this.#deps.now();
    this.#deps.outbox.push({ id: this.#deps.newId(), name, data, raisedAt: new Date(at).toISOString(), at });
    this.#deps.changed();
    this.pump();
  }

  /** The tab learnt its role: a secondary tab drops what it kept. */
  setRole(role: BridgeRole): void {
    this.role = role;
    if (role === 'secondary') this.#deps.outbox.clear();
    this.#deps.changed();
  }

  async beforeDial(data: unknown): Promise<void> {
    const number = String((data as { dialedNumber?: unknown } | null)?.dialedNumber ?? '');
    const socket = this.#socket;
    if (!socket?.connected) {
      this.undecidedDials += 1;
      if (number !== '') this.#deps.dialOriginal(number);
      return;
    }
    const at = this.#deps.now();
    const message = {
      id: this.#deps.newId(),
      name: 'beforeDial',
      data,
      raisedAt: new Date(at).toISOString(),
    };
    let decision: unknown;
    try {
      const reply = await socket.timeout(this.beforeDialTimeoutMs + 2000).emitWithAck('cil:event', message);
      decision = (reply as { decision?: unknown } | null)?.decision;
    } catch {
      this.undecidedDials += 1;
    }
    if (decision !== 'handled' && number !== '') this.#deps.dialOriginal(number);
  }

  /** Sends waiting events one at a time, each acknowledged, while connected. */
  async pump(): Promise<void> {
    if (this.#pumping) return;
    if (this.role !== 'primary') {
      this.#report();
      return;
    }
    this.#pumping = true;
    try {
      for (;;) {
        const socket = this.#socket;
        const entry = this.#deps.outbox.peek(this.#deps.now());
        if (!socket?.connected || entry === undefined) break;
        if (!(await this.#send(socket, entry))) {
          this.#scheduleRetry();
          break;
        }
        this.#deps.outbox.remove(entry.id);
        this.delivered += 1;
        this.#deps.changed();
      }
      this.#report();
    } finally {
      this.#pumping = false;
    }
  }

  async #send(socket: SocketLike, entry: OutboxEntry): Promise<boolean> {
    try {
      const message = { id: entry.id, name: entry.name, data: entry.data, raisedAt: entry.raisedAt };
      await socket.timeout(this.#deps.ackTimeoutMs).emitWithAck('cil:event', message);
      return true;
    } catch {
      return false;
    }
  }

  #report(): void {
    const socket = this.#socket;
    if (!socket?.connected) return;
    const dropped = this.#deps.outbox.takeReport();
    if (dropped === undefined && this.undecidedDials === 0) return;
    socket.emit('bridge:report', {
      dropped: dropped?.dropped ?? 0,
      undecidedDials: this.undecidedDials,
      reason: dropped?.reason ?? 'dials decided by the bridge while the daemon was away',
    });
    this.undecidedDials = 0;
  }

  #scheduleRetry(): void {
    if (this.#retry !== undefined) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.pump();
    }, this.#deps.retryMs);
  }
}
