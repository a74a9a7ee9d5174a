import type { AdapterEvents } from '../contract/AdapterEvents.js';
import type { AdapterState, AdapterStatus } from '../contract/AdapterRuntime.js';
import type { DispatchReport } from '../engine/Dispatcher.js';
import type { RequestOutcome } from '../engine/PendingAnswer.js';
import type { EventInput } from '../events/NormalizedEvent.js';

/**
 * @deprecated The events port of a legacy `module` (`InstanceTokens.Events`), whose `publish` returns the
 * dispatch for the adapter to catch. Use `ctx.events` (`AdapterEvents`): `publish` is fire and forget,
 * `publishAndWait` waits. Removed in core 2.0.
 */
export interface InstanceEvents {
  publish(event: EventInput): Promise<DispatchReport>;
  request<T = unknown>(event: EventInput, options: { timeoutMs: number }): Promise<RequestOutcome<T>>;
  reject(reason: string, detail?: Record<string, unknown>): void;
  setState(state: AdapterState, detail?: string): void;
  readonly status: AdapterStatus;
}

/** The legacy view of an instance's events port. */
export function legacyInstanceEvents(events: AdapterEvents): InstanceEvents {
  return {
    publish: (event) => events.publishAndWait(event),
    request: (event, options) => events.request(event, options),
    reject: (reason, detail) => events.reject(reason, detail),
    setState: (state, detail) => events.setState(state, detail),
    get status() {
      return events.status;
    },
  };
}
