import type { Logger } from 'pino';
import type { AdapterState } from '../contract/AdapterRuntime.js';
import type {
  ClientSession,
  ConnectionHost,
  ConnectionSpec,
  ConnectionState,
  RunningConnection,
} from '../contract/ClientConnection.js';
import { SwitchboardError } from '../errors/index.js';
import type { Diagnostics } from '../observe/Diagnostics.js';
import type { Metrics } from '../observe/Metrics.js';
import type { Clock } from '../runtime/Clock.js';
import type { DispatcherAdapterEvents } from '../runtime/DispatcherAdapterEvents.js';
import { ConnectionLoop, type LeaseStatus } from './ConnectionLoop.js';
import type { LeaseManager } from './LeaseManager.js';

/** Worst first: an instance with several connections shows the worst state among them. */
const severity: Readonly<Record<ConnectionState, number>> = {
  failed: 6,
  disconnected: 5,
  connecting: 4,
  standby: 3,
  starting: 2,
  stopped: 1,
  connected: 0,
};

/** What `/readyz` shows of one connection. */
export interface ConnectionView {
  readonly name: string;
  readonly target: string;
  readonly state: ConnectionState;
  readonly reconnects: number;
  /** Several nodes: this node's role (holder or standby), the holder's fence, since when. */
  readonly lease?: LeaseStatus;
}

export interface ConnectionHostDeps {
  readonly instance: string;
  readonly events: DispatcherAdapterEvents;
  readonly logger: Logger;
  readonly leases: LeaseManager;
  readonly metrics: Metrics;
  readonly node?: string;
  readonly clock?: Clock;
  readonly diagnostics?: Diagnostics;
  /** Several nodes share the state (leases decide who connects). */
  readonly cluster?: { readonly warmWindowMs?: number };
  /** Runs the last holder's unfinished events of the instance when this node takes a lease over. */
  readonly takeover?: (resource: string) => Promise<void>;
}

/** The `ctx.connections` of one instance: runs its loops, reports their worst state, stops them. */
export class ConnectionHostImpl implements ConnectionHost {
  readonly #loops: ConnectionLoop<ClientSession>[] = [];
  readonly #deps: ConnectionHostDeps;

  constructor(deps: ConnectionHostDeps) {
    this.#deps = deps;
  }

  run<S extends ClientSession>(spec: ConnectionSpec<S>): RunningConnection<S> {
    const name = spec.name ?? 'main';
    if (this.#loops.some((loop) => loop.name === name)) {
      throw new SwitchboardError(
        'SWB_PLUGIN_LOAD',
        `instance \`${this.#deps.instance}\` runs two connections named \`${name}\`: give each its own \`name\``,
      );
    }
    const loop = new ConnectionLoop<S>(spec, { ...this.#deps, changed: () => this.#changed() });
    this.#loops.push(loop as unknown as ConnectionLoop<ClientSession>);
    loop.start();
    return loop;
  }

  list(): ConnectionView[] {
    return this.#loops.map((l) => {
      const lease = l.lease;
      return {
        name: l.name,
        target: l.target,
        state: l.state,
        reconnects: l.reconnects,
        ...(lease ? { lease } : {}),
      };
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.#loops.map((loop) => loop.stop()));
  }

  #changed(): void {
    let worst: ConnectionLoop<ClientSession> | undefined;
    for (const loop of this.#loops) if (!worst || severity[loop.state] > severity[worst.state]) worst = loop;
    if (!worst) return;
    const state: AdapterState = worst.state;
    this.#deps.events.setState(state, worst.detail, worst.code);
  }
}
