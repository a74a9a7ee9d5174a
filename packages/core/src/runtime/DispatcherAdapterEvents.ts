import type { Dispatcher, DispatchReport } from '../engine/Dispatcher.js';
import type { RequestOutcome } from '../engine/PendingAnswer.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import { type AdapterState, type AdapterStatus, isUpState } from '../plugin/AdapterRuntime.js';
import type { Clock } from './Clock.js';

/**
 * How an adapter instance talks to core: publish events (stamped with the instance as `source`),
 * publish an event that waits for the rules' answer, report rejected input and connection state.
 */
export interface InstanceEvents {
  /** Fire and forget; the promise resolves when the event's actions finished (tests, replay). */
  publish(event: EventInput): Promise<DispatchReport>;
  /** Publish and wait for an answering action (first matching rule wins) within `timeoutMs`. */
  request<T = unknown>(event: EventInput, options: { timeoutMs: number }): Promise<RequestOutcome<T>>;
  /** Count and log input that could not become an event (malformed frame, bad request); the stream goes on. */
  reject(reason: string, detail?: Record<string, unknown>): void;
  /** Report the connection state; `connected`/`disconnected` also raise `adapter.*` events. */
  setState(state: AdapterState, detail?: string): void;
  readonly status: AdapterStatus;
}

export class DispatcherInstanceEvents implements InstanceEvents {
  readonly #instance: string;
  readonly #dispatcher: Dispatcher;
  readonly #diagnostics: Diagnostics;
  readonly #metrics: Metrics;
  readonly #clock: Clock;
  #status: AdapterStatus;
  #wasUp = false;
  #stateEvents = 0;

  constructor(
    instance: string,
    dispatcher: Dispatcher,
    diagnostics: Diagnostics,
    metrics: Metrics,
    clock: Clock,
  ) {
    this.#instance = instance;
    this.#dispatcher = dispatcher;
    this.#diagnostics = diagnostics;
    this.#metrics = metrics;
    this.#clock = clock;
    this.#status = { state: 'starting', since: new Date(clock.now()).toISOString() };
    this.#metrics.adapterUp.set({ instance }, 0);
  }

  get status(): AdapterStatus {
    return this.#status;
  }

  publish(event: EventInput): Promise<DispatchReport> {
    return this.#dispatcher.publish(event, this.#instance);
  }

  request<T = unknown>(event: EventInput, options: { timeoutMs: number }): Promise<RequestOutcome<T>> {
    return this.#dispatcher.request<T>(event, this.#instance, options.timeoutMs);
  }

  reject(reason: string, detail?: Record<string, unknown>): void {
    this.#dispatcher.reject(this.#instance, reason, detail);
  }

  setState(state: AdapterState, detail?: string): void {
    const previous = this.#status.state;
    if (previous === state && this.#status.detail === detail) return;
    const now = new Date(this.#clock.now()).toISOString();
    this.#status = { state, since: now, ...(detail !== undefined ? { detail } : {}) };
    this.#diagnostics.emit({ kind: 'adapter-state', instance: this.#instance, status: this.#status });
    const up = isUpState(state);
    this.#metrics.adapterUp.set({ instance: this.#instance }, up ? 1 : 0);
    const wasUp = isUpState(previous);
    if (up && !wasUp) {
      if (this.#wasUp) this.#metrics.adapterReconnects.inc({ instance: this.#instance });
      this.#wasUp = true;
      this.#raise('adapter.connected', detail);
    } else if (!up && wasUp) {
      this.#raise('adapter.disconnected', detail);
    }
    if (state === 'failed') this.#raise('adapter.error', detail);
  }

  #raise(
    type: 'adapter.connected' | 'adapter.disconnected' | 'adapter.error',
    detail: string | undefined,
  ): void {
    this.#stateEvents += 1;
    void this.#dispatcher.publish(
      {
        id: `${this.#instance}:state:${this.#clock.now()}:${this.#stateEvents}`,
        type,
        vars: detail === undefined ? {} : { detail },
      },
      this.#instance,
    );
  }
}
