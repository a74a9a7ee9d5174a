import type {
  AdapterEvents,
  AdapterStatus,
  EventInput,
  NormalizedEvent,
  StateStore,
} from '@switchboard/core';
import { validateOptions } from '@switchboard/core/host';
import { type CapturedLog, createTestContext, MemoryStateStore } from '@switchboard/core/testing';
import { eightByEightAdapter } from '../../src/manifest.js';
import type { EightByEightOptions, SapiOptions } from '../../src/options.js';
import { SapiConnection } from '../../src/transport/sapi/SapiConnection.js';
import type { SapiSessionTiming } from '../../src/transport/sapi/sessionOutcome.js';
import { recordingEvents } from './recordingEvents.js';
import { withSessionEvents } from './withSessionEvents.js';

export interface RunningSapiConnection {
  readonly connection: SapiConnection;
  readonly events: {
    /** What the adapter published, in order, before core's de-duplication. */
    readonly published: EventInput[];
    readonly rejected: { readonly reason: string; readonly detail?: Readonly<Record<string, unknown>> }[];
    /** Every state the instance went through (core's connection loop sets them). */
    readonly states: { readonly state: string; readonly detail?: string }[];
    readonly status: AdapterStatus;
    /** What core raised for the instance (`adapter.error`, `adapter.connected`, …) and the published events. */
    readonly raised: NormalizedEvent[];
  };
  readonly logs: CapturedLog[];
  readonly state: StateStore;
  /** As the daemon stops an instance: the runtime's `stop()`, then core closes the connection. */
  stop(): Promise<void>;
}

/** Where the connection subscribes: the SAPI emulator, or any server with its URL and credentials. */
export interface SapiTarget {
  readonly url: string;
  readonly options: { readonly tenant: string; readonly token: string };
}

/**
 * The SAPI connection of an instance `cc` in core's real instance context (its connection loop, events
 * port and logs, recorded), options validated with defaults like the daemon does. The test context's core
 * keeps no ledger, so resume points handed to `accept` are written to `state` once it resolved, as a
 * daemon with a state folder writes them with the events: a second connection on the same `state` is a
 * restarted daemon.
 */
export async function startSapiConnection(
  target: SapiTarget,
  sapi: Partial<SapiOptions> = {},
  state: StateStore = new MemoryStateStore(),
  timing: Partial<SapiSessionTiming> = {},
): Promise<RunningSapiConnection> {
  const options = validateOptions(eightByEightAdapter, 'cc', {
    sapi: { tenant: target.options.tenant, token: target.options.token, baseUrl: target.url, ...sapi },
  }) as EightByEightOptions;
  const test = createTestContext({ options, instance: 'cc' });
  const published: EventInput[] = [];
  const recording = recordingEvents(test.context.events, published);
  const events: AdapterEvents = Object.assign(Object.create(recording) as AdapterEvents, {
    accept: async (...[input, acceptOptions]: Parameters<AdapterEvents['accept']>) => {
      const acceptances = await recording.accept(input, acceptOptions);
      const resume = acceptOptions?.resume;
      if (resume) await state.set(resume.key, resume.value);
      return acceptances;
    },
  });
  const connections = withSessionEvents(test.context.connections, events);
  const context = { ...test.context, connections, events, state };
  const connection = new SapiConnection(context);
  await connection.start(options.sapi as SapiOptions, timing);
  return {
    connection,
    events: {
      published,
      rejected: test.rejected,
      states: test.states,
      get status() {
        return test.context.events.status;
      },
      raised: test.events,
    },
    logs: test.logs,
    state,
    stop: async () => {
      await connection.flush();
      await test.close();
    },
  };
}
