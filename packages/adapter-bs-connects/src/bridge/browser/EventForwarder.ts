import type { Attempt, BridgeRole, CilResult, DialClaimer, OutboxEntry, SocketLike } from './browserTypes.js';
import type { EventOutbox } from './EventOutbox.js';

export interface EventForwarderDeps {
  readonly outbox: EventOutbox;
  readonly ackTimeoutMs: number;
  readonly retryMs: number;
  readonly now: () => number;
  readonly newId: () => string;
  /** `dialOrConsult` on the library: the chosen channel (else the bridge's), the number. */
  readonly dial: (channelId: string | undefined, phoneNumber: string) => Promise<CilResult>;
  /** Which tab handles a `beforeDial` that b+s raised in several of the agent's tabs. */
  readonly claims: DialClaimer;
  readonly changed: () => void;
}

/**
 * Forwards the library's events to the daemon in order. The primary tab forwards every event and keeps
 * those raised while the daemon is away; any tab forwards the `beforeDial` the agent raised in it and
 * places that call itself: the number a rule chose (reporting how it went, and dialing the original
 * number if it failed), or the original number when no rule chose one, the daemon does not answer, or
 * is away. So the agent's dial always ends in a call attempt, and in one only: when b+s raises it in
 * several tabs, the tab that claims it first handles it and the others drop their copies
 * (`DialClaims`). Runs in the browser (self-contained).
 */
export class EventForwarder {
  readonly #deps: EventForwarderDeps;
  #socket: SocketLike | undefined;
  #pumping = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  role: BridgeRole = 'unknown';
  beforeDialTimeoutMs = 4000;
  /** How long `dialOrConsult` may take before the dial counts as failed (the daemon's `requestTimeoutMs`). */
  dialTimeoutMs = 5000;
  delivered = 0;
  undecidedDials = 0;

  constructor(deps: EventForwarderDeps) {
    this.#deps = deps;
  }

  get queued(): number {
    return this.#deps.outbox.size;
  }

  /** `beforeDial`s this tab is handling, or holds against copies in other tabs. */
  get dialing(): number {
    return this.#deps.claims.held;
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
    const release = await this.#deps.claims.claim(number);
    if (release === undefined) return; // another tab of the agent handles this dial
    try {
      await this.#decideAndDial(data, number);
    } finally {
      release();
    }
  }

  async #decideAndDial(data: unknown, number: string): Promise<void> {
    const socket = this.#socket;
    if (!socket?.connected) {
      this.undecidedDials += 1;
      if (number !== '') await this.#dial(undefined, number);
      return;
    }
    const at = this.#deps.now();
    const message = {
      id: this.#deps.newId(),
      name: 'beforeDial',
      data,
      raisedAt: new Date(at).toISOString(),
    };
    let reply: Record<string, unknown> | null = null;
    try {
      reply = (await socket
        .timeout(this.beforeDialTimeoutMs + 2000)
        .emitWithAck('cil:event', message)) as Record<string, unknown> | null;
    } catch {
      this.undecidedDials += 1;
    }
    const chosen = reply?.decision === 'dial' ? reply.phoneNumber : undefined;
    if (typeof chosen === 'string' && chosen !== '') {
      const channelId = typeof reply?.channelId === 'string' ? reply.channelId : undefined;
      const attempt = await this.#dial(channelId, chosen);
      const fallback = !attempt.success && number !== '' ? await this.#dial(undefined, number) : undefined;
      socket.emit('bridge:dial-outcome', { id: message.id, ...attempt, ...(fallback ? { fallback } : {}) });
      return;
    }
    if (number !== '') await this.#dial(undefined, number);
  }

  /** `dialOrConsult`, counted as failed when the library refuses, throws, or does not answer in time. */
  async #dial(channelId: string | undefined, phoneNumber: string): Promise<Attempt> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CilResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ success: false, error: `no answer within ${this.dialTimeoutMs} ms` }),
        this.dialTimeoutMs,
      );
    });
    try {
      const result = await Promise.race([this.#deps.dial(channelId, phoneNumber), timeout]);
      if (result?.success === true) return { phoneNumber, success: true };
      const error = result?.error;
      return { phoneNumber, success: false, error: String(error ?? 'dialOrConsult failed').slice(0, 500) };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return { phoneNumber, success: false, error: text.slice(0, 500) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends waiting events one at a time, each acknowledged, while connected; kept until then. */
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

  /**
   * Whether the daemon took the event: it acknowledges once the event is recorded (its rules run even if
   * the daemon stops now), or says `retry` when it could not record it; no answer counts as `retry`.
   */
  async #send(socket: SocketLike, entry: OutboxEntry): Promise<boolean> {
    try {
      const message = { id: entry.id, name: entry.name, data: entry.data, raisedAt: entry.raisedAt };
      const reply = await socket.timeout(this.#deps.ackTimeoutMs).emitWithAck('cil:event', message);
      return (reply as { retry?: unknown } | null)?.retry !== true;
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
