import type {
  AdapterState,
  AdapterStatus,
  DispatchReport,
  EventInput,
  InstanceEvents,
} from '@switchboard/core';

/** An `InstanceEvents` that records what an adapter reports, for in-process tests without a daemon. */
export class RecordingInstanceEvents implements InstanceEvents {
  readonly published: EventInput[] = [];
  readonly rejected: { reason: string; detail?: Record<string, unknown> }[] = [];
  readonly states: { state: AdapterState; detail?: string; at: number }[] = [];
  #status: AdapterStatus = { state: 'starting', since: new Date().toISOString() };

  get status(): AdapterStatus {
    return this.#status;
  }

  publish(event: EventInput): Promise<DispatchReport> {
    this.published.push(event);
    return Promise.resolve({ status: 'handled', matched: [], outcomes: [] });
  }

  request(): never {
    throw new Error('not used');
  }

  reject(reason: string, detail?: Record<string, unknown>): void {
    this.rejected.push({ reason, ...(detail ? { detail } : {}) });
  }

  setState(state: AdapterState, detail?: string): void {
    this.#status = { state, since: new Date().toISOString(), ...(detail ? { detail } : {}) };
    this.states.push({ state, ...(detail ? { detail } : {}), at: Date.now() });
  }
}
