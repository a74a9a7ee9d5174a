import type { Acceptance, DispatchReport, ResumeWrite } from '../engine/Dispatcher.js';
import type { RequestOutcome } from '../engine/PendingAnswer.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import type { AdapterState, AdapterStatus } from './AdapterRuntime.js';

/**
 * How an adapter instance talks to core: publish events (stamped with the instance as `source`),
 * publish an event that waits for the rules' answer, report rejected input and its state.
 */
export interface AdapterEvents {
  /**
   * Durable intake: resolves once the events are recorded (durably, with the daemon's state store) as
   * pending, together with `resume` — a key of the instance's own state (`ctx.state`) holding the vendor's
   * resume point after these events — in one atomic commit. Acknowledge the vendor, or advance its cursor,
   * after this resolves: a crash from then on loses nothing, the events run again after the restart. Each
   * event's `done` resolves once its actions settled. `accept([], { resume })` moves the resume point past
   * input that maps to no event. Rejects with `SWB_STATE_UNAVAILABLE` when the store cannot commit (do not
   * acknowledge: the vendor sends the events again). `trusted`: the events come from this adapter's own
   * mapping, which guarantees (and tests, over any vendor input) schema-valid events nested within
   * `defaultMaxJsonDepth`: core skips those checks for them.
   */
  accept(
    events: EventInput | readonly EventInput[],
    options?: { readonly resume?: ResumeWrite; readonly trusted?: boolean },
  ): Promise<readonly Acceptance[]>;
  /**
   * Fire and forget: the event is handled in the background (recorded in the ledger like `accept`, but
   * nobody waits for the commit). A failure to handle it is core's to log (`handling an event failed`,
   * with the event id), never the adapter's.
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
