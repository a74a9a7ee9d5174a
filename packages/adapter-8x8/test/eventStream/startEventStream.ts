import type { AdapterEvents, EventInput, NormalizedEvent, StateStore } from '@switchboard/core';
import { validateOptions } from '@switchboard/core/host';
import { type CapturedLog, createTestContext, MemoryStateStore } from '@switchboard/core/testing';
import { eightByEightAdapter } from '../../src/manifest.js';
import type { EightByEightOptions, EventStreamOptions } from '../../src/options.js';
import { EventStreamConnection } from '../../src/transport/eventStream/EventStreamConnection.js';
import { withSessionEvents } from '../support/withSessionEvents.js';

export interface RunningEventStream {
  /** What the adapter handed to `accept`, in order (before core's de-duplication). */
  readonly accepted: EventInput[];
  /** Events core dispatched (after de-duplication): what rules would see. */
  readonly dispatched: NormalizedEvent[];
  readonly rejected: { readonly reason: string; readonly detail?: Readonly<Record<string, unknown>> }[];
  readonly states: { readonly state: string; readonly detail?: string }[];
  readonly logs: CapturedLog[];
  readonly state: StateStore;
  readonly events: AdapterEvents;
  stop(): Promise<void>;
}

/**
 * The Event Streaming connection of an instance `cc` in core's real instance context (connection loop,
 * events port, de-duplication, logs), options validated with defaults as the daemon does. The test
 * context has no event ledger, so `accept`'s resume write is applied here to `state`, as the daemon's
 * ledger does in the same commit as the events.
 */
export async function startEventStream(
  options: Partial<EventStreamOptions> & Pick<EventStreamOptions, 'apiKey'> & { url: string },
  state: StateStore = new MemoryStateStore(),
  /** Called before each `accept`: throwing makes it fail as a state store that cannot commit does. */
  beforeAccept: () => void = () => undefined,
): Promise<RunningEventStream> {
  const validated = validateOptions(eightByEightAdapter, 'cc', {
    eventStream: { tenant: 'acmecorp01', ...options },
  }) as EightByEightOptions;
  const test = createTestContext({ options: validated, instance: 'cc' });
  const accepted: EventInput[] = [];
  const inner = test.context.events;
  const events: AdapterEvents = {
    accept: async (event, acceptOptions) => {
      beforeAccept();
      accepted.push(...(Array.isArray(event) ? event : [event as EventInput]));
      const result = await inner.accept(event, acceptOptions);
      if (acceptOptions?.resume) await state.set(acceptOptions.resume.key, acceptOptions.resume.value);
      return result;
    },
    publish: (event) => inner.publish(event),
    publishAndWait: (event) => inner.publishAndWait(event),
    request: (event, o) => inner.request(event, o),
    reject: (reason, detail) => inner.reject(reason, detail),
    setState: (s, detail) => inner.setState(s, detail),
    get status() {
      return inner.status;
    },
  };
  const connections = withSessionEvents(test.context.connections, events);
  const context = { ...test.context, connections, events, state };
  const connection = new EventStreamConnection(context);
  await connection.start(validated.eventStream as EventStreamOptions);
  return {
    accepted,
    dispatched: test.events,
    rejected: test.rejected,
    states: test.states,
    logs: test.logs,
    state,
    events,
    stop: () => test.close(),
  };
}

/** How many times each id occurs. */
export function countIds(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
