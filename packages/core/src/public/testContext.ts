import { type DestinationStream, pino } from 'pino';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { CallContextStore } from '../calls/CallContextStore.js';
import { type LeaseManager, LocalLeaseManager } from '../connections/LeaseManager.js';
import type { AdapterState } from '../contract/AdapterRuntime.js';
import type { InstanceContext } from '../contract/InstanceContext.js';
import { Dispatcher } from '../engine/Dispatcher.js';
import { DeduplicationWindow } from '../events/DeduplicationWindow.js';
import type { NormalizedEvent } from '../events/NormalizedEvent.js';
import { HttpClient } from '../net/HttpClient.js';
import { Diagnostics } from '../observe/Diagnostics.js';
import { Metrics } from '../observe/Metrics.js';
import { RuleSet } from '../rules/RuleSet.js';
import { systemClock } from '../runtime/Clock.js';
import { DispatcherAdapterEvents } from '../runtime/DispatcherAdapterEvents.js';
import { InstanceKit } from '../runtime/InstanceKit.js';
import { HttpSurface } from '../server/HttpSurface.js';
import { MemoryStateStore } from '../state/MemoryStateBackend.js';

/** A log line written through a test context's logger. */
export interface CapturedLog {
  readonly level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface TestContext<O> {
  /** A real instance context: core's connection loop, events port, dispatcher (no rules), state in memory. */
  readonly context: InstanceContext<O>;
  /** Every state the instance went through, in order. */
  readonly states: { readonly state: AdapterState; readonly detail?: string }[];
  readonly logs: CapturedLog[];
  /** Events the instance published, as core accepted them. */
  readonly events: NormalizedEvent[];
  readonly rejected: { readonly reason: string; readonly detail?: Readonly<Record<string, unknown>> }[];
  readonly metrics: Metrics;
  /** Serves what the instance mounted (`ctx.http`, `ctx.bridges`) on 127.0.0.1, a free port; resolves to its address. */
  listen(): Promise<string>;
  /** What core does after the adapter's `stop()`: connections end, bridges close, routes answer 503. */
  stop(): Promise<void>;
  /** `stop()`, then the HTTP server closes. */
  close(): Promise<void>;
}

const levels: Readonly<Record<number, CapturedLog['level']>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * The instance context core gives an adapter, for testing an adapter's parts (a connection, an inbound
 * mapping) against an emulator without a daemon: everything is core's real code, only recorded.
 */
export function createTestContext<O>(options: {
  readonly options: O;
  readonly instance?: string;
  readonly configDir?: string;
  /** Who holds the connections (default: this node, always). */
  readonly leases?: LeaseManager;
}): TestContext<O> {
  const instance = options.instance ?? 'test';
  const logs: CapturedLog[] = [];
  const stream: DestinationStream = {
    write: (line: string) => {
      const parsed = JSON.parse(line) as { level: number; msg: string };
      logs.push({ ...parsed, level: levels[parsed.level] ?? 'info', msg: parsed.msg });
    },
  };
  const logger = pino({ level: 'debug' }, stream).child({ instance });
  const diagnostics = new Diagnostics();
  const metrics = new Metrics();
  const clock = systemClock;
  const dispatcher = new Dispatcher(RuleSet.empty(), {
    registry: new ActionRegistry(),
    calls: new CallContextStore(clock),
    dedupe: new DeduplicationWindow(clock),
    diagnostics,
    metrics,
    clock,
    logger,
  });
  const states: TestContext<O>['states'] = [];
  const events: NormalizedEvent[] = [];
  const rejected: TestContext<O>['rejected'] = [];
  diagnostics.subscribe((d) => {
    if (d.kind === 'adapter-state' && d.instance === instance) {
      states.push({
        state: d.status.state,
        ...(d.status.detail !== undefined ? { detail: d.status.detail } : {}),
      });
    } else if (d.kind === 'event' && d.event.source === instance) events.push(d.event);
    else if (d.kind === 'rejected')
      rejected.push({ reason: d.reason, ...(d.detail ? { detail: d.detail } : {}) });
  });
  const surface = new HttpSurface({ host: '127.0.0.1', port: 0 }, logger);
  const adapterEvents = new DispatcherAdapterEvents(instance, {
    dispatcher,
    diagnostics,
    metrics,
    clock,
    logger,
  });
  const kit = new InstanceKit({
    instance,
    options: options.options,
    events: adapterEvents,
    logger,
    clock,
    configDir: options.configDir ?? process.cwd(),
    state: () => new MemoryStateStore(clock),
    surface,
    httpClient: new HttpClient(),
    leases: options.leases ?? new LocalLeaseManager(),
    metrics,
  });
  return {
    context: kit.context as InstanceContext<O>,
    states,
    logs,
    events,
    rejected,
    metrics,
    listen: async () => (await surface.listen(true)) as string,
    stop: () => kit.stop(),
    close: async () => {
      await kit.stop();
      await surface.close();
    },
  };
}
