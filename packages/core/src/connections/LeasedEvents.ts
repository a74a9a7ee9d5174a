import type { AdapterEvents } from '../contract/AdapterEvents.js';
import type { StateFence } from '../contract/StateStore.js';
import type { Acceptance, DispatchReport, ResumeWrite } from '../engine/Dispatcher.js';
import type { RequestOutcome } from '../engine/PendingAnswer.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import { sleep } from '../net/Backoff.js';
import type { WarmBuffer } from './WarmBuffer.js';

/** The instance's events port, which takes the lease's fence with each commit. */
export interface FencedEvents extends AdapterEvents {
  accept(
    events: EventInput | readonly EventInput[],
    options?: { readonly resume?: ResumeWrite; readonly fence?: StateFence; readonly trusted?: boolean },
  ): Promise<readonly Acceptance[]>;
}

/** One event a warm standby holds, with what came with it. */
export interface HeldEvent {
  readonly event: EventInput;
  /** The resume point sent with the batch this event ended. */
  readonly resume?: ResumeWrite;
  /** `publishAndWait` waits for the event's report. */
  readonly settle?: (report: DispatchReport) => void;
}

/** The report a held `publishAndWait` gets when its event is dropped. */
export const droppedReport = (windowMs: number): DispatchReport => ({
  status: 'rejected',
  matched: [],
  outcomes: [],
  error: `held by a warm standby for longer than warmWindowMs (${windowMs} ms): dropped`,
});

/**
 * The events port a leased connection's sessions get: straight to the instance's port while this node holds
 * the lease; while it is a warm standby, events are held in the `WarmBuffer` (`accept` answers `held`). When
 * the node takes over, `promote` hands the held events on in arrival order, then lets new ones through; events
 * that arrive while it does so queue behind.
 */
export class LeasedEvents implements AdapterEvents {
  readonly #inner: FencedEvents;
  readonly #buffer: WarmBuffer<HeldEvent>;
  readonly #held: (count: number) => void;
  readonly #fence: () => StateFence | undefined;
  #holding = false;

  /** `fence`: the lease this node holds now (several nodes), sent with every commit of events. */
  constructor(
    inner: FencedEvents,
    buffer: WarmBuffer<HeldEvent>,
    held: (count: number) => void,
    fence: () => StateFence | undefined = () => undefined,
  ) {
    this.#inner = inner;
    this.#buffer = buffer;
    this.#held = held;
    this.#fence = fence;
  }

  get holding(): boolean {
    return this.#holding;
  }

  get status() {
    return this.#inner.status;
  }

  /** This node stands by (warm): hold events from now on. */
  hold(): void {
    this.#holding = true;
  }

  /**
   * This node took over: hands the held events on, oldest first, in as few commits as arrived meanwhile, then
   * lets events through. A commit that fails (the state backend is down) is retried every `retryMs` while
   * `signal` is live; the window still drops what gets too old. Resolves with how many were handed on.
   */
  async promote(signal: AbortSignal, retryMs = 500): Promise<number> {
    let handed = 0;
    while (!signal.aborted) {
      const batch = this.#buffer.peek();
      if (batch.length === 0) {
        this.#holding = false;
        return handed;
      }
      const resume = batch.findLast((held) => held.resume)?.resume;
      let acceptances: readonly Acceptance[];
      try {
        acceptances = await this.#inner.accept(
          batch.map((held) => held.event),
          this.#options({ resume }),
        );
      } catch {
        await sleep(retryMs, signal).catch(() => undefined);
        continue;
      }
      this.#buffer.remove(batch.length);
      handed += batch.length;
      batch.forEach((held, i) => {
        if (held.settle) void reportOf(acceptances[i]).then(held.settle);
      });
    }
    return handed;
  }

  accept(
    event: EventInput | readonly EventInput[],
    options: { readonly resume?: ResumeWrite; readonly trusted?: boolean } = {},
  ): Promise<readonly Acceptance[]> {
    const events: readonly EventInput[] = Array.isArray(event) ? event : [event as EventInput];
    if (!this.#holding) return this.#accepted(this.#inner.accept(events, this.#options(options)));
    events.forEach((one, i) => {
      const last = i === events.length - 1;
      this.#buffer.hold({ event: one, ...(last && options.resume ? { resume: options.resume } : {}) });
    });
    this.#held(events.length);
    return Promise.resolve(events.map((): Acceptance => ({ status: 'held' })));
  }

  publish(event: EventInput | readonly EventInput[]): void {
    if (!this.#holding) {
      this.#inner.publish(event);
      return;
    }
    const events: readonly EventInput[] = Array.isArray(event) ? event : [event as EventInput];
    for (const one of events) this.#buffer.hold({ event: one });
    this.#held(events.length);
  }

  publishAndWait(event: EventInput): Promise<DispatchReport> {
    if (!this.#holding) return this.#inner.publishAndWait(event);
    return new Promise((settle) => {
      this.#buffer.hold({ event, settle });
      this.#held(1);
    });
  }

  /** A question needs an answer now: a standby cannot give one (the holder answers it). */
  request<T = unknown>(
    event: EventInput,
    options: { readonly timeoutMs: number },
  ): Promise<RequestOutcome<T>> {
    if (!this.#holding) return this.#inner.request<T>(event, options);
    return Promise.resolve({ answered: false, reason: 'rejected' });
  }

  /** A commit refused for a lost lease (`SWB_STATE_FENCED`): the session must close at once. */
  onFenced: () => void = () => undefined;

  #accepted(accepting: Promise<readonly Acceptance[]>): Promise<readonly Acceptance[]> {
    return accepting.catch((error: unknown) => {
      if (fenced(error)) this.onFenced();
      throw error;
    });
  }

  #options(options: { readonly resume?: ResumeWrite | undefined; readonly trusted?: boolean }): {
    resume?: ResumeWrite;
    fence?: StateFence;
    trusted?: boolean;
  } {
    const fence = this.#fence();
    return {
      ...(options.resume ? { resume: options.resume } : {}),
      ...(fence ? { fence } : {}),
      ...(options.trusted ? { trusted: true } : {}),
    };
  }

  reject(reason: string, detail?: Readonly<Record<string, unknown>>): void {
    this.#inner.reject(reason, detail);
  }

  setState(...args: Parameters<AdapterEvents['setState']>): void {
    this.#inner.setState(...args);
  }
}

function reportOf(acceptance: Acceptance | undefined): Promise<DispatchReport> {
  switch (acceptance?.status) {
    case 'accepted':
      return acceptance.done;
    case 'rejected':
      return Promise.resolve({ status: 'rejected', matched: [], outcomes: [], error: acceptance.error });
    default:
      return Promise.resolve({
        status: 'duplicate',
        ...(acceptance?.status === 'duplicate' && acceptance.event ? { event: acceptance.event } : {}),
        matched: [],
        outcomes: [],
      });
  }
}

/** The error, or one it was raised for, says the lease's fence no longer holds. */
function fenced(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if ((e as { code?: unknown }).code === 'SWB_STATE_FENCED') return true;
    e = e.cause;
  }
  return false;
}
