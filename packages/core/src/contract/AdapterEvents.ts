import type { DispatchReport } from '../engine/Dispatcher.js';
import type { RequestOutcome } from '../engine/PendingAnswer.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import type { AdapterState, AdapterStatus } from './AdapterRuntime.js';

/**
 * How an adapter instance talks to core: publish events (stamped with the instance as `source`),
 * publish an event that waits for the rules' answer, report rejected input and its state.
 */
export interface AdapterEvents {
  /**
   * Fire and forget: the event is handled in the background. A failure to handle it is core's to log
   * (`handling an event failed`, with the event id), never the adapter's.
   */
  publish(event: EventInput | readonly EventInput[]): void;
  /** Tests, replay, a web service that answers with the outcome: resolves when every action finished. */
  publishAndWait(event: EventInput): Promise<DispatchReport>;
  /** Publish and wait for an answering action (first matching rule wins) within `timeoutMs`. */
  request<T = unknown>(
    event: EventInput,
    options: { readonly timeoutMs: number },
  ): Promise<RequestOutcome<T>>;
  /**
   * Count (`switchboard_input_rejected_total{source,reason}`) and log input that could not become an
   * event (a malformed frame, a bad request); the stream goes on.
   */
  reject(reason: string, detail?: Readonly<Record<string, unknown>>): void;
  /**
   * For server adapters and special cases: connections (`ctx.connections`) and bridges (`ctx.bridges`)
   * report their own state. `connected`/`disconnected` also raise `adapter.*` events.
   */
  setState(state: AdapterState, detail?: string): void;
  readonly status: AdapterStatus;
}
