import 'reflect-metadata';
import { hostname } from 'node:os';
import { Container } from 'inversify';
import { type Logger, pino } from 'pino';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { coreActionSpecs } from '../actions/builtin/coreActionSpecs.js';
import { HttpActionExecutor } from '../actions/builtin/HttpActionExecutor.js';
import { LogActionExecutor } from '../actions/builtin/LogActionExecutor.js';
import { SetActionExecutor } from '../actions/builtin/SetActionExecutor.js';
import { byAction } from '../actions/executorsByAction.js';
import {
  type CallContextOptions,
  CallContextStore,
  defaultCallContextOptions,
} from '../calls/CallContextStore.js';
import { type Lease, type LeaseManager, LocalLeaseManager } from '../connections/LeaseManager.js';
import type { ActionExecutor } from '../contract/ActionExecutor.js';
import type { AdapterRuntime, AdapterStatus } from '../contract/AdapterRuntime.js';
import { type AdapterManifest, isModuleManifest } from '../contract/defineAdapter.js';
import { AdapterContext } from '../contract/InstanceContext.js';
import { CoreTokens } from '../di/tokens.js';
import { ActionMarkers } from '../engine/ActionMarkers.js';
import { DeliveryPolicies } from '../engine/DeliveryPolicies.js';
import { Dispatcher, type DispatchReport } from '../engine/Dispatcher.js';
import { EventLedger } from '../engine/EventLedger.js';
import { reconcile } from '../engine/Reconciler.js';
import { describeError, errorCodes, SwitchboardError } from '../errors/index.js';
import {
  type DeduplicationOptions,
  DeduplicationWindow,
  defaultDeduplicationOptions,
} from '../events/DeduplicationWindow.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import { HttpClient } from '../net/HttpClient.js';
import { Diagnostics } from '../observe/Diagnostics.js';
import { Metrics } from '../observe/Metrics.js';
import { validateOptions } from '../plugin/validateOptions.js';
import { RuleCatalog } from '../rules/RuleCatalog.js';
import { RuleSet } from '../rules/RuleSet.js';
import { HttpSurface, type HttpSurfaceOptions } from '../server/HttpSurface.js';
import type { KeyValueStoreFactory } from '../state/KeyValueStore.js';
import { MemoryStateBackend } from '../state/MemoryStateBackend.js';
import { adapterKeyPrefix, prefixedStore } from '../state/prefixedStore.js';
import { callsNamespace, type StateBackend } from '../state/StateBackend.js';
import { type Clock, systemClock } from './Clock.js';
import { DispatcherAdapterEvents } from './DispatcherAdapterEvents.js';
import { InstanceKit } from './InstanceKit.js';
import { instanceServices } from './instanceServices.js';
import { legacyModuleServices } from './legacyModuleServices.js';
import { registerErrors } from './registerErrors.js';
import { settleWithin } from './settleWithin.js';

export interface InstanceConfig {
  /** Instance name from the config: the `source` of its events, the target of `via`. */
  readonly name: string;
  readonly manifest: AdapterManifest;
  readonly options: unknown;
}

export interface RuntimeOptions {
  readonly instances?: readonly InstanceConfig[];
  readonly rules?: RuleSet;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly calls?: Partial<CallContextOptions>;
  readonly dedupe?: Partial<DeduplicationOptions>;
  /**
   * Where state lives: adapters' stores, and with a durable backend also the event ledger and call vars.
   * Opened by `start()`, closed by `stop()`. Default: in memory.
   */
  readonly state?: StateBackend;
  readonly server?: Partial<HttpSurfaceOptions>;
  readonly httpClient?: HttpClient;
  /**
   * Record mode (rule tests, dry runs): adapters are not loaded or started; each instance's actions
   * go to these executors instead. Core's executors can be replaced with `coreExecutors`.
   */
  readonly executorsFor?: (instance: InstanceConfig) => readonly ActionExecutor[];
  readonly coreExecutors?: readonly ActionExecutor[];
  readonly validateEvents?: boolean;
  /** Folder relative option paths resolve from (the config's folder); default the working directory. */
  readonly configDir?: string;
  /** Longest wait for one instance's `start()` and `stop()`, in ms (default 30 s and 10 s). */
  readonly adapterTimeouts?: { readonly startMs?: number; readonly stopMs?: number };
  /** Who holds each client connection when several nodes share the work; default this node, always. */
  readonly leases?: LeaseManager;
  /**
   * This node's id (`node.id`): on the `adapter.*` and `action.failed` events it raises (`vars.node`), in
   * `switchboard_node_info`, lease diagnostics and the status. Default `<hostname>-<pid>`.
   */
  readonly node?: string;
  /**
   * Several nodes share `state` (high availability): `leases` decide which node holds each client
   * connection, roles are shown, and the events a node left unfinished are run by the node that takes its
   * lease over (not at start-up, where they may belong to a node that is alive). `warmWindowMs`: how long
   * a warm standby holds events (default 10 000).
   */
  readonly cluster?: { readonly warmWindowMs?: number };
}

export type { Lease, LeaseManager };

export const defaultAdapterTimeouts = { startMs: 30_000, stopMs: 10_000 } as const;

interface LoadedInstance {
  readonly config: InstanceConfig;
  readonly events: DispatcherAdapterEvents;
  readonly adapter: AdapterRuntime | undefined;
  readonly kit: InstanceKit | undefined;
  /** The instance asked for the HTTP surface (routes, bridges) while it was built: it may serve HTTP. */
  readonly mayServe: boolean;
}

/**
 * The composition root: one inversify container with core's services; one child container per adapter
 * instance (so two instances of one adapter run side by side), loaded from the adapter's module.
 */
export class Runtime {
  readonly container: Container;
  readonly dispatcher: Dispatcher;
  readonly diagnostics: Diagnostics;
  readonly metrics: Metrics;
  readonly http: HttpSurface;
  readonly calls: CallContextStore;
  readonly logger: Logger;
  readonly catalog: RuleCatalog;
  readonly state: StateBackend;
  /** This node's id (`RuntimeOptions.node`). */
  readonly node: string;
  readonly #cluster: RuntimeOptions['cluster'];
  #unwatchState: (() => void) | undefined;
  readonly #ledger: EventLedger | undefined;
  readonly #instances: LoadedInstance[] = [];
  #started = false;
  #stopping = false;
  readonly #configDir: string;
  readonly #clock: Clock;
  readonly #callIdleMs: number;
  readonly #timeouts: { readonly startMs: number; readonly stopMs: number };
  /** Codes of core's and every loaded adapter's catalog: failures with one of them keep it. */
  #errorCodes: ReadonlySet<string> = new Set(Object.keys(errorCodes));

  constructor(options: RuntimeOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.#clock = clock;
    this.#callIdleMs = (options.calls?.idleTtlSeconds ?? defaultCallContextOptions.idleTtlSeconds) * 1000;
    this.#configDir = options.configDir ?? process.cwd();
    this.#timeouts = { ...defaultAdapterTimeouts, ...options.adapterTimeouts };
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.diagnostics = new Diagnostics();
    this.metrics = new Metrics();
    this.node = options.node ?? `${hostname()}-${process.pid}`;
    this.#cluster = options.cluster;
    this.metrics.nodeInfo.set({ node: this.node }, 1);
    const state: StateBackend = options.state ?? new MemoryStateBackend(clock);
    this.state = state;
    this.metrics.stateBackendUp.set(state.health?.up === false ? 0 : 1);
    const callOptions = { ...defaultCallContextOptions, ...options.calls };
    const dedupeOptions = { ...defaultDeduplicationOptions, ...options.dedupe };
    this.calls = new CallContextStore(
      clock,
      options.calls,
      state.durable
        ? {
            store: state.namespace(callsNamespace),
            onWriteError: (error, callId) =>
              this.logger.warn(
                { callId, err: describeError(error), code: 'SWB_STATE_UNAVAILABLE' },
                "a call's vars could not be written to the state store [SWB_STATE_UNAVAILABLE]",
              ),
          }
        : undefined,
    );
    this.metrics.openCallsSource = () => this.calls.size;
    const httpClient = options.httpClient ?? new HttpClient();
    const ledger = state.durable
      ? new EventLedger(state, clock, {
          windowMs: dedupeOptions.windowSeconds * 1000,
          pendingTtlMs: (dedupeOptions.windowSeconds + callOptions.idleTtlSeconds) * 1000,
          ...(options.cluster ? { node: this.node } : {}),
        })
      : undefined;
    this.#ledger = ledger;
    const markers = new ActionMarkers(state, clock, () => ledger?.run ?? 0, {
      callTtlMs: callOptions.idleTtlSeconds * 1000,
      eventTtlMs: dedupeOptions.windowSeconds * 1000,
    });
    const delivery = new DeliveryPolicies();
    delivery.addCore(coreActionSpecs);
    this.http = new HttpSurface(options.server ?? {}, this.logger);
    const registry = new ActionRegistry();
    const coreExecutors = options.coreExecutors ?? [
      new HttpActionExecutor(httpClient),
      new SetActionExecutor(),
      new LogActionExecutor(this.logger.child({ component: 'rules' })),
    ];
    // Stand-ins name the action they stand for (`RecordingExecutor`): one without a name serves none.
    for (const [action, executor] of byAction(coreExecutors)) registry.addCore(action, executor);
    if (!options.coreExecutors?.some((e) => e.action === 'set'))
      registry.addCore('set', new SetActionExecutor());

    this.dispatcher = new Dispatcher(options.rules ?? RuleSet.empty(), {
      registry,
      calls: this.calls,
      dedupe: new DeduplicationWindow(clock, options.dedupe),
      diagnostics: this.diagnostics,
      metrics: this.metrics,
      clock,
      logger: this.logger,
      ...(options.validateEvents === undefined ? {} : { validateEvents: options.validateEvents }),
      get errorCodes() {
        return codesOf();
      },
      ...(ledger ? { ledger } : {}),
      markers,
      delivery,
      adapterKeyPrefix,
      node: this.node,
    });
    const codesOf = (): ReadonlySet<string> => this.#errorCodes;

    this.container = new Container({ defaultScope: 'Singleton' });
    const c = this.container;
    c.bind(CoreTokens.Logger).toConstantValue(this.logger);
    c.bind(CoreTokens.Clock).toConstantValue(clock);
    c.bind(CoreTokens.HttpClient).toConstantValue(httpClient);
    c.bind(CoreTokens.CallContextStore).toConstantValue(this.calls);
    const legacyState: KeyValueStoreFactory = {
      open: (namespace) => prefixedStore(state.namespace(namespace), adapterKeyPrefix),
    };
    c.bind(CoreTokens.KeyValueStoreFactory).toConstantValue(legacyState);
    c.bind(CoreTokens.Diagnostics).toConstantValue(this.diagnostics);
    c.bind(CoreTokens.Metrics).toConstantValue(this.metrics);

    const instances = options.instances ?? [];
    const leases = options.leases ?? new LocalLeaseManager();
    const names = new Set<string>();
    const codes = new Set<string>(Object.keys(errorCodes));
    const prefixes = new Map<string, string>();
    for (const config of instances) {
      if (names.has(config.name))
        throw new SwitchboardError('SWB_PLUGIN_OPTIONS', `duplicate instance \`${config.name}\``);
      names.add(config.name);
      registerErrors(config.manifest, codes, prefixes);
      delivery.addInstance(config.name, config.manifest.actions);
      const events = new DispatcherAdapterEvents(config.name, {
        dispatcher: this.dispatcher,
        diagnostics: this.diagnostics,
        metrics: this.metrics,
        clock,
        logger: this.logger,
        node: this.node,
      });
      if (options.executorsFor) {
        registry.addInstance(config.name, byAction(options.executorsFor(config)));
        this.#instances.push({ config, events, adapter: undefined, kit: undefined, mayServe: false });
        continue;
      }
      let adapter: AdapterRuntime;
      let executors: Map<string, ActionExecutor>;
      let kit: InstanceKit;
      try {
        const validated = validateOptions(config.manifest, config.name, config.options);
        kit = new InstanceKit({
          instance: config.name,
          options: validated,
          events,
          logger: this.logger.child({ instance: config.name }),
          clock,
          configDir: this.#configDir,
          state: () => prefixedStore(state.namespace(config.name), adapterKeyPrefix),
          surface: this.http,
          httpClient,
          leases,
          metrics: this.metrics,
          node: this.node,
          diagnostics: this.diagnostics,
          ...(options.cluster
            ? {
                cluster: options.cluster,
                takeover: (resource: string) => this.#takeover(config.name, resource),
              }
            : {}),
        });
        ({ adapter, executors } = this.#instanceContainer(config.manifest, kit));
      } catch (error) {
        if (SwitchboardError.is(error) && error.code === 'SWB_PLUGIN_OPTIONS') throw error;
        throw new SwitchboardError(
          'SWB_PLUGIN_LOAD',
          `adapter instance \`${config.name}\` (${config.manifest.packageName}) cannot be created: ${describeError(error)}`,
          { cause: error, path: ['adapters', config.name] },
        );
      }
      const missing = Object.keys(config.manifest.actions).filter((a) => !executors.has(a));
      if (missing.length > 0) {
        throw new SwitchboardError(
          'SWB_PLUGIN_MANIFEST',
          `${config.manifest.packageName} declares action(s) ${missing.join(', ')} but binds no executor for them`,
        );
      }
      registry.addInstance(config.name, executors);
      this.#instances.push({ config, events, adapter, kit, mayServe: kit.usesHttp });
    }
    this.#errorCodes = codes;
    this.catalog = new RuleCatalog(instances.map((i) => ({ name: i.name, manifest: i.manifest })));
  }

  /**
   * Builds one instance in its own child container: the manifest's runtime, services and executors
   * with `AdapterContext` bound to the instance's context, or a legacy `module` with `InstanceTokens`.
   */
  #instanceContainer(
    manifest: AdapterManifest,
    kit: InstanceKit,
  ): { adapter: AdapterRuntime; executors: Map<string, ActionExecutor> } {
    const child = new Container({ parent: this.container, defaultScope: 'Singleton' });
    const ctx = kit.context;
    child.bind(AdapterContext).toConstantValue(ctx);
    if (!isModuleManifest(manifest)) return instanceServices(child, manifest);
    const legacy = legacyModuleServices(child, manifest, ctx, () => this.http.realtimeFor(ctx.instance));
    return { adapter: legacy.adapter, executors: byAction(legacy.executors) };
  }

  /** Instance names with their adapter and connection state, and each client connection's. */
  instances(): {
    name: string;
    adapter: string;
    node: string;
    /** Several nodes: `holder` when this node holds every leased connection of the instance, else `standby`. */
    role?: 'holder' | 'standby';
    status: AdapterStatus;
    connections: ReturnType<InstanceKit['connections']['list']>;
  }[] {
    return this.#instances.map((i) => {
      const connections = i.kit?.connections.list() ?? [];
      const leased = connections.flatMap((c) => (c.lease ? [c.lease.role] : []));
      const role =
        leased.length === 0 ? undefined : leased.every((r) => r === 'holder') ? 'holder' : 'standby';
      return {
        name: i.config.name,
        adapter: i.config.manifest.name,
        node: this.node,
        ...(role ? { role } : {}),
        status: i.events.status,
        connections,
      };
    });
  }

  #stateChanged(up: boolean, detail: string | undefined): void {
    this.metrics.stateBackendUp.set(up ? 1 : 0);
    this.diagnostics.emit({ kind: 'state', up, ...(detail !== undefined ? { detail } : {}) });
    if (up) this.logger.info({ state: 'up' }, 'the state backend answers again: ready once the rest is');
    else
      this.logger.error(
        { state: 'unavailable', code: 'SWB_STATE_UNAVAILABLE', ...(detail !== undefined ? { detail } : {}) },
        `the state backend does not answer${detail ? ` (${detail})` : ''}: this node is not ready, and events are not recorded until it does [SWB_STATE_UNAVAILABLE]`,
      );
  }

  /** Calls held in the call-context store. */
  get openCalls(): number {
    return this.calls.size;
  }

  /** Waits up to `ms` for the events being handled; returns how many were still in flight then. */
  drain(ms: number): Promise<number> {
    return this.dispatcher.drain(ms);
  }

  get rules(): RuleSet {
    return this.dispatcher.rules;
  }

  setRules(rules: RuleSet): void {
    this.dispatcher.setRules(rules);
    this.diagnostics.emit({ kind: 'rules-loaded', count: rules.rules.length, files: rules.files });
  }

  /** Publishes an event as if it came from `source` (replay, tests, the demo's scenario player). */
  publish(event: EventInput, source: string): Promise<DispatchReport> {
    return this.dispatcher.publish(event, source);
  }

  /**
   * Binds the HTTP port (when an instance may serve HTTP), starts every adapter, each within its start
   * timeout, then listens on the port if an adapter mounted something. Rejects with the first failure:
   * the HTTP port, or an instance that failed or timed out (named in the error).
   */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopping = false;
    await this.#openState();
    if (this.#stopping) return;
    const adapters = this.#instances.filter((i) => i.adapter);
    const mayServe = adapters.filter((i) => i.mayServe);
    let unbound: unknown;
    if (mayServe.length > 0) await this.http.reserve().catch((error: unknown) => (unbound = error));
    // The port could not be bound: the instances that may serve start first, and one that mounts a
    // route fails right there, before any other adapter connects. An instance that asked for the
    // surface but serves nothing (given its options) does not need the port.
    const waves = unbound ? [mayServe, adapters.filter((i) => !i.mayServe)] : [adapters];
    for (const wave of waves) await Promise.all(wave.map((instance) => this.#startOne(instance, unbound)));
    if (this.#stopping) return;
    await this.#recoverOwn();
    await this.http.listen();
  }

  /**
   * Opens the state backend, counts this run, and queues the events an earlier run left pending (before
   * any adapter starts, so a call's recovered events run ahead of its new ones).
   */
  async #openState(): Promise<void> {
    this.#unwatchState ??= this.state.onHealth?.((up) => this.#stateChanged(up, this.state.health?.detail));
    const opening = await this.state.open();
    if (opening.warning) this.logger.warn({ state: 'missing' }, opening.warning);
    const ledger = this.#ledger;
    if (!ledger) return;
    const run = await ledger.begin();
    this.logger.info(
      { run, fresh: opening.fresh },
      opening.fresh ? 'state: starting empty' : 'state: opened',
    );
    // Shared state: what is pending may belong to a node that is alive; it is run by whoever takes the
    // lease of its connection over (`#takeover`).
    if (this.#cluster) return;
    await reconcile(
      this.#instances.map((i) => i.config.name),
      {
        ledger,
        dispatcher: this.dispatcher,
        calls: this.calls,
        metrics: this.metrics,
        clock: this.#clock,
        logger: this.logger,
        maxAgeMs: this.#callIdleMs,
      },
    );
  }

  /** This node took over a lease of `instance`: the events its last holder left pending run here now. */
  async #takeover(instance: string, resource: string): Promise<void> {
    const ledger = this.#ledger;
    if (!ledger) return;
    await reconcile([instance], {
      ledger,
      dispatcher: this.dispatcher,
      calls: this.calls,
      metrics: this.metrics,
      clock: this.#clock,
      logger: this.logger,
      maxAgeMs: this.#callIdleMs,
      lease: resource,
    });
  }

  /**
   * Shared state: the instances that hold no leased connection (web services, bridges) run on every node;
   * what this node (same `node.id`) left pending in an earlier run is run now, once their adapters are up.
   */
  async #recoverOwn(): Promise<void> {
    const ledger = this.#ledger;
    if (!this.#cluster || !ledger) return;
    const unleased = this.#instances
      .filter((i) => i.adapter && (i.kit?.connections.list().length ?? 0) === 0)
      .map((i) => i.config.name);
    if (unleased.length === 0) return;
    await reconcile(unleased, {
      ledger,
      dispatcher: this.dispatcher,
      calls: this.calls,
      metrics: this.metrics,
      clock: this.#clock,
      logger: this.logger,
      maxAgeMs: this.#callIdleMs,
      node: this.node,
    });
  }

  /** Whether the state backend answers (a shared one may not); always up for embedded and memory. */
  get stateStatus(): { readonly up: boolean; readonly detail?: string } {
    const health = this.state.health;
    if (!health) return { up: true };
    return { up: health.up, ...(health.detail !== undefined ? { detail: health.detail } : {}) };
  }

  async #startOne(instance: LoadedInstance, unbound: unknown): Promise<void> {
    const { name } = instance.config;
    const ms = this.#timeouts.startMs;
    let failure: SwitchboardError;
    try {
      const outcome = await settleWithin(() => instance.adapter?.start(), ms);
      if (!outcome.timedOut) return;
      failure = new SwitchboardError(
        'SWB_ADAPTER_TIMEOUT',
        `adapter instance \`${name}\` did not finish starting within ${ms} ms`,
      );
    } catch (error) {
      failure =
        unbound !== undefined && causedBy(error, unbound)
          ? (unbound as SwitchboardError)
          : new SwitchboardError(
              'SWB_PLUGIN_LOAD',
              `adapter instance \`${name}\` failed to start: ${describeError(error)}`,
              { cause: error },
            );
    }
    instance.events.setState('failed', failure.message);
    throw failure;
  }

  /**
   * Stops in the order that loses nothing: new events are only recorded (with a durable backend they run
   * after the restart), in-flight actions finish within `drainMs` (the rest stay pending in the ledger),
   * then the adapters stop (flushing what they still send), the HTTP surface closes, and the state is
   * flushed and closed. Returns how many events were still being handled when the wait ended.
   */
  async stop(drainMs = 5000): Promise<{ unfinished: number }> {
    this.#stopping = true;
    this.dispatcher.beginDrain();
    const unfinished = await this.dispatcher.drain(drainMs);
    await Promise.allSettled(this.#instances.map((instance) => this.#stopOne(instance)));
    await this.http.close();
    this.#unwatchState?.();
    this.#unwatchState = undefined;
    try {
      await this.state.close();
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'the state store did not close cleanly');
    }
    this.#started = false;
    return { unfinished };
  }

  /** Stops one instance within its stop timeout; one that does not stop in time is left behind. */
  async #stopOne(instance: LoadedInstance): Promise<void> {
    const adapter = instance.adapter;
    if (!adapter) return;
    const { name } = instance.config;
    const ms = this.#timeouts.stopMs;
    try {
      const outcome = await settleWithin(async () => {
        try {
          await adapter.stop();
        } finally {
          await instance.kit?.stop();
        }
      }, ms);
      if (outcome.timedOut) {
        this.logger.error(
          { instance: name, timeoutMs: ms, code: 'SWB_ADAPTER_TIMEOUT' },
          `adapter instance \`${name}\` did not stop within ${ms} ms: shutting down without it [SWB_ADAPTER_TIMEOUT]`,
        );
      }
    } catch (error) {
      this.logger.warn({ instance: name, err: describeError(error) }, 'adapter stop failed');
    }
    instance.events.setState('stopped');
  }
}

/** `error` is `cause`, or was raised because of it (along its `cause` chain). */
function causedBy(error: unknown, cause: unknown): boolean {
  for (let e = error, depth = 0; e !== undefined && depth < 10; depth += 1) {
    if (e === cause) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}
