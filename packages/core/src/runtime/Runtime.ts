import 'reflect-metadata';
import { Container } from 'inversify';
import { type Logger, pino } from 'pino';
import type { ActionExecutor } from '../actions/ActionExecutor.js';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { HttpActionExecutor } from '../actions/builtin/HttpActionExecutor.js';
import { LogActionExecutor } from '../actions/builtin/LogActionExecutor.js';
import { SetActionExecutor } from '../actions/builtin/SetActionExecutor.js';
import { type CallContextOptions, CallContextStore } from '../calls/CallContextStore.js';
import { AdapterTokens, CoreTokens, InstanceTokens } from '../di/tokens.js';
import { Dispatcher, type DispatchReport } from '../engine/Dispatcher.js';
import { describeError, SwitchboardError } from '../errors/index.js';
import { type DeduplicationOptions, DeduplicationWindow } from '../events/DeduplicationWindow.js';
import type { EventInput } from '../events/NormalizedEvent.js';
import { HttpClient } from '../net/HttpClient.js';
import { Diagnostics } from '../observe/Diagnostics.js';
import { Metrics } from '../observe/Metrics.js';
import type { AdapterManifest } from '../plugin/AdapterManifest.js';
import type { AdapterRuntime, AdapterStatus } from '../plugin/AdapterRuntime.js';
import { validateOptions } from '../plugin/validateOptions.js';
import { RuleCatalog } from '../rules/RuleCatalog.js';
import { RuleSet } from '../rules/RuleSet.js';
import { HttpSurface, type HttpSurfaceOptions } from '../server/HttpSurface.js';
import { MemoryKeyValueStoreFactory } from '../state/FileKeyValueStore.js';
import type { KeyValueStoreFactory } from '../state/KeyValueStore.js';
import { type Clock, systemClock } from './Clock.js';
import { DispatcherInstanceEvents } from './InstanceEvents.js';

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
  readonly state?: KeyValueStoreFactory;
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
}

interface LoadedInstance {
  readonly config: InstanceConfig;
  readonly events: DispatcherInstanceEvents;
  readonly adapter: AdapterRuntime | undefined;
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
  readonly #instances: LoadedInstance[] = [];
  #started = false;
  readonly #configDir: string;

  constructor(options: RuntimeOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.#configDir = options.configDir ?? process.cwd();
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.diagnostics = new Diagnostics();
    this.metrics = new Metrics();
    this.calls = new CallContextStore(clock, options.calls);
    this.metrics.openCallsSource = () => this.calls.size;
    const httpClient = options.httpClient ?? new HttpClient();
    const state = options.state ?? new MemoryKeyValueStoreFactory();
    this.http = new HttpSurface(options.server ?? {}, this.logger);
    const registry = new ActionRegistry();
    const coreExecutors = options.coreExecutors ?? [
      new HttpActionExecutor(httpClient),
      new SetActionExecutor(),
      new LogActionExecutor(this.logger.child({ component: 'rules' })),
    ];
    for (const executor of coreExecutors) registry.addCore(executor);
    if (!options.coreExecutors?.some((e) => e.action === 'set')) registry.addCore(new SetActionExecutor());

    this.dispatcher = new Dispatcher(options.rules ?? RuleSet.empty(), {
      registry,
      calls: this.calls,
      dedupe: new DeduplicationWindow(clock, options.dedupe),
      diagnostics: this.diagnostics,
      metrics: this.metrics,
      clock,
      logger: this.logger,
      ...(options.validateEvents === undefined ? {} : { validateEvents: options.validateEvents }),
    });

    this.container = new Container({ defaultScope: 'Singleton' });
    const c = this.container;
    c.bind(CoreTokens.Logger).toConstantValue(this.logger);
    c.bind(CoreTokens.Clock).toConstantValue(clock);
    c.bind(CoreTokens.HttpClient).toConstantValue(httpClient);
    c.bind(CoreTokens.CallContextStore).toConstantValue(this.calls);
    c.bind(CoreTokens.KeyValueStoreFactory).toConstantValue(state);
    c.bind(CoreTokens.Diagnostics).toConstantValue(this.diagnostics);
    c.bind(CoreTokens.Metrics).toConstantValue(this.metrics);

    const instances = options.instances ?? [];
    const names = new Set<string>();
    for (const config of instances) {
      if (names.has(config.name))
        throw new SwitchboardError('SWB_PLUGIN_OPTIONS', `duplicate instance \`${config.name}\``);
      names.add(config.name);
      const events = new DispatcherInstanceEvents(
        config.name,
        this.dispatcher,
        this.diagnostics,
        this.metrics,
        clock,
      );
      if (options.executorsFor) {
        registry.addInstance(config.name, options.executorsFor(config));
        this.#instances.push({ config, events, adapter: undefined });
        continue;
      }
      const child = this.#instanceContainer(config, events, state);
      const adapter = child.get(AdapterTokens.Runtime);
      const executors = child.isBound(AdapterTokens.ActionExecutor)
        ? child.getAll(AdapterTokens.ActionExecutor)
        : [];
      const missing = Object.keys(config.manifest.actions).filter(
        (a) => !executors.some((e) => e.action === a),
      );
      if (missing.length > 0) {
        throw new SwitchboardError(
          'SWB_PLUGIN_MANIFEST',
          `${config.manifest.packageName} declares action(s) ${missing.join(', ')} but binds no executor for them`,
        );
      }
      registry.addInstance(config.name, executors);
      this.#instances.push({ config, events, adapter });
    }
    this.catalog = new RuleCatalog(instances.map((i) => ({ name: i.name, manifest: i.manifest })));
  }

  #instanceContainer(
    config: InstanceConfig,
    events: DispatcherInstanceEvents,
    state: KeyValueStoreFactory,
  ): Container {
    const child = new Container({ parent: this.container, defaultScope: 'Singleton' });
    const options = validateOptions(config.manifest, config.name, config.options);
    child.bind(InstanceTokens.Name).toConstantValue(config.name);
    child.bind(InstanceTokens.Options).toConstantValue(options);
    child.bind(InstanceTokens.Logger).toConstantValue(this.logger.child({ instance: config.name }));
    child.bind(InstanceTokens.Events).toConstantValue(events);
    child.bind(InstanceTokens.Routes).toConstantValue(this.http.routesFor(config.name));
    child.bind(InstanceTokens.Realtime).toConstantValue(this.http.realtimeFor(config.name));
    child.bind(InstanceTokens.State).toConstantValue(state.open(config.name));
    child.bind(InstanceTokens.ConfigDir).toConstantValue(this.#configDir);
    child.load(config.manifest.module);
    return child;
  }

  /** Instance names with their adapter and connection state. */
  instances(): { name: string; adapter: string; status: AdapterStatus }[] {
    return this.#instances.map((i) => ({
      name: i.config.name,
      adapter: i.config.manifest.name,
      status: i.events.status,
    }));
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

  /** Starts every adapter, then the HTTP surface when an adapter uses it. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await Promise.all(
      this.#instances.map(async (instance) => {
        if (!instance.adapter) return;
        try {
          await instance.adapter.start();
        } catch (error) {
          instance.events.setState('failed', describeError(error));
          throw new SwitchboardError(
            'SWB_PLUGIN_LOAD',
            `adapter instance \`${instance.config.name}\` failed to start: ${describeError(error)}`,
            { cause: error },
          );
        }
      }),
    );
    await this.http.listen();
  }

  /**
   * Stops adapters (no new events), waits up to `drainMs` for in-flight actions, then closes the HTTP
   * surface. Returns how many events were still being handled when the wait ended.
   */
  async stop(drainMs = 5000): Promise<{ unfinished: number }> {
    await Promise.allSettled(
      this.#instances.map(async (instance) => {
        if (!instance.adapter) return;
        try {
          await instance.adapter.stop();
        } catch (error) {
          this.logger.warn(
            { instance: instance.config.name, err: describeError(error) },
            'adapter stop failed',
          );
        }
        instance.events.setState('stopped');
      }),
    );
    const unfinished = await this.dispatcher.drain(drainMs);
    await this.http.close();
    this.#started = false;
    return { unfinished };
  }
}
