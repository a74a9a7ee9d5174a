import type { AdapterEvents } from '../contract/AdapterEvents.js';
import { type AdapterState, type AdapterStatus, isUpState } from '../contract/AdapterRuntime.js';
import type { StateFence } from '../contract/StateStore.js';
import type { Acceptance, Dispatcher, DispatchReport, ResumeWrite } from '../engine/Dispatcher.js';
import type { RequestOutcome } from '../engine/PendingAnswer.js';
import { describeError } from '../errors/index.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { Clock } from './Clock.js';

export interface AdapterEventsDeps {
  readonly dispatcher: Dispatcher;
  readonly diagnostics: Diagnostics;
  readonly metrics: Metrics;
  readonly clock: Clock;
  /** Where a failure to handle a published event is logged. */
  readonly logger: { error(details: object, message: string): void };
  /** This node's id: `vars.node` of the `adapter.*` events. */
  readonly node?: string;
}

/** An instance's events port onto the dispatcher; the runtime keeps one per instance. */
export class DispatcherAdapterEvents implements AdapterEvents {
  readonly #instance: string;
  readonly #deps: AdapterEventsDeps;
  #status: AdapterStatus;
  #wasUp = false;
  #stateEvents = 0;

  constructor(instance: string, deps: AdapterEventsDeps) {
    this.#instance = instance;
    this.#deps = deps;
    this.#status = { state: 'starting', since: new Date(deps.clock.now()).toISOString() };
    deps.metrics.adapterUp.set({ instance }, 0);
  }

  get status(): AdapterStatus {
    return this.#status;
  }

  publish(event: EventInput | readonly EventInput[]): void {
    const events: readonly EventInput[] = Array.isArray(event) ? event : [event as EventInput];
    for (const one of events) {
      this.publishAndWait(one).catch((error: unknown) => {
        this.#deps.logger.error(
          { source: this.#instance, eventId: one.id, type: one.type, err: describeError(error) },
          'handling an event failed',
        );
      });
    }
  }

  publishAndWait(event: EventInput): Promise<DispatchReport> {
    return this.#deps.dispatcher.publish(event, this.#instance);
  }

  /** `fence`: the lease of the connection that accepts (several nodes), checked in the same commit. */
  accept(
    event: EventInput | readonly EventInput[],
    options: { readonly resume?: ResumeWrite; readonly fence?: StateFence; readonly trusted?: boolean } = {},
  ): Promise<readonly Acceptance[]> {
    const events: readonly EventInput[] = Array.isArray(event) ? event : [event as EventInput];
    return this.#deps.dispatcher.accept(events, this.#instance, options);
  }

  request<T = unknown>(
    event: EventInput,
    options: { readonly timeoutMs: number },
  ): Promise<RequestOutcome<T>> {
    return this.#deps.dispatcher.request<T>(event, this.#instance, options.timeoutMs);
  }

  reject(reason: string, detail?: Readonly<Record<string, unknown>>): void {
    this.#deps.dispatcher.reject(this.#instance, reason, detail);
  }

  /** `code` goes into `adapter.error` as `vars.code` (the connection loop's failures). */
  setState(state: AdapterState, detail?: string, code?: string): void {
    const previous = this.#status.state;
    if (previous === state && this.#status.detail === detail) return;
    const { clock, diagnostics, metrics } = this.#deps;
    const now = new Date(clock.now()).toISOString();
    this.#status = { state, since: now, ...(detail !== undefined ? { detail } : {}) };
    diagnostics.emit({ kind: 'adapter-state', instance: this.#instance, status: this.#status });
    const up = isUpState(state);
    metrics.adapterUp.set({ instance: this.#instance }, up ? 1 : 0);
    const wasUp = isUpState(previous);
    if (up && !wasUp) {
      if (this.#wasUp) metrics.adapterReconnects.inc({ instance: this.#instance });
      this.#wasUp = true;
      this.#raise('adapter.connected', detail);
    } else if (!up && wasUp && state !== 'standby') {
      // Handing the connection to another node is no outage: that node raises `adapter.connected`.
      this.#raise('adapter.disconnected', detail);
    }
    if (state === 'failed') this.#raise('adapter.error', detail, code);
  }

  #raise(
    type: 'adapter.connected' | 'adapter.disconnected' | 'adapter.error',
    detail: string | undefined,
    code?: string,
  ): void {
    this.#stateEvents += 1;
    const vars: Record<string, unknown> = {};
    if (detail !== undefined) vars.detail = detail;
    if (code !== undefined) vars.code = code;
    if (this.#deps.node !== undefined) vars.node = this.#deps.node;
    const event = {
      id: `${this.#instance}:state:${this.#deps.clock.now()}:${this.#stateEvents}`,
      type,
      vars,
    };
    // This run's own news: never journaled (a restart does not replay an old disconnect).
    this.#deps.dispatcher.publish(event, this.#instance, { internal: true }).catch((error: unknown) => {
      this.#deps.logger.error(
        { source: this.#instance, eventId: event.id, type, err: describeError(error) },
        'handling an event failed',
      );
    });
  }
}
