import type { Logger } from 'pino';
import { BridgeHostImpl } from '../bridges/BridgeHostImpl.js';
import { ConnectionHostImpl } from '../connections/ConnectionHostImpl.js';
import type { LeaseManager } from '../connections/LeaseManager.js';
import type { InstanceContext } from '../contract/InstanceContext.js';
import type { StateStore } from '../contract/StateStore.js';
import { HttpHostImpl } from '../http/HttpHostImpl.js';
import type { HttpClient } from '../net/HttpClient.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { HttpSurface } from '../server/HttpSurface.js';
import type { Clock } from './Clock.js';
import type { DispatcherAdapterEvents } from './DispatcherAdapterEvents.js';

export interface InstanceKitDeps {
  readonly instance: string;
  readonly options: unknown;
  readonly events: DispatcherAdapterEvents;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly configDir: string;
  /** The instance's own state (a view of its namespace), made when the adapter first asks for it. */
  readonly state: () => StateStore;
  readonly surface: HttpSurface;
  readonly httpClient: HttpClient;
  readonly leases: LeaseManager;
  readonly metrics: Metrics;
  readonly node?: string;
  readonly diagnostics?: Diagnostics;
  /** Several nodes share the state: leases decide who connects (`RuntimeOptions.cluster`). */
  readonly cluster?: { readonly warmWindowMs?: number };
  /** Runs the last holder's unfinished events of the instance when this node takes one of its leases. */
  readonly takeover?: (resource: string) => Promise<void>;
}

/**
 * What core gives one instance (`InstanceContext`) and keeps for itself: the kit parts it stops after the
 * adapter's `stop()`, and whether the instance asked for the HTTP surface (so it may serve HTTP).
 */
export class InstanceKit {
  readonly context: InstanceContext;
  readonly connections: ConnectionHostImpl;
  readonly bridges: BridgeHostImpl;
  readonly http: HttpHostImpl;
  #usesHttp = false;
  #stopping = false;

  constructor(deps: InstanceKitDeps) {
    const { instance, events, logger, metrics } = deps;
    const used = (): void => {
      this.#usesHttp = true;
    };
    this.connections = new ConnectionHostImpl({
      instance,
      events,
      logger,
      leases: deps.leases,
      metrics,
      clock: deps.clock,
      ...(deps.node !== undefined ? { node: deps.node } : {}),
      ...(deps.diagnostics ? { diagnostics: deps.diagnostics } : {}),
      ...(deps.cluster ? { cluster: deps.cluster } : {}),
      ...(deps.takeover ? { takeover: deps.takeover } : {}),
    });
    // Bridges and routes show themselves as the instance's state only when no connection does.
    const reportsState = (): boolean => this.connections.list().length === 0;
    this.bridges = new BridgeHostImpl(
      deps.surface,
      { instance, events, logger, metrics, reportsState },
      used,
    );
    this.http = new HttpHostImpl(
      deps.surface,
      { instance, events, logger, reportsState, stopping: () => this.#stopping },
      used,
    );
    let state: StateStore | undefined;
    const http = this.http;
    const bridges = this.bridges;
    this.context = Object.freeze({
      instance,
      options: deps.options as Readonly<Record<string, unknown>>,
      logger,
      clock: deps.clock,
      configDir: deps.configDir,
      events,
      // Made when first used, so a legacy adapter that never asks gets none.
      get state(): StateStore {
        state ??= deps.state();
        return state;
      },
      // Asking for routes or bridges is what makes the daemon bind its HTTP port before adapters start.
      get http() {
        used();
        return http;
      },
      get bridges() {
        used();
        return bridges;
      },
      connections: this.connections,
      httpClient: deps.httpClient,
    });
  }

  get usesHttp(): boolean {
    return this.#usesHttp;
  }

  /** After the adapter's `stop()`: routes answer 503, bridges and connections close. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.bridges.close();
    await this.connections.stop();
  }
}
