import { hostname } from 'node:os';
import { describeError, SwitchboardError } from '@switchboard/core';
import { listenFailure, MemoryStateBackend, Runtime, type StateBackend } from '@switchboard/core/host';
import { EmbeddedStateBackend } from '@switchboard/state-embedded';
import type { Logger } from 'pino';
import { AdminServer } from '../admin/AdminServer.js';
import { EventJournal } from '../admin/EventJournal.js';
import { createLogger } from '../logging/createLogger.js';
import { redactorFor } from '../logging/redactorFor.js';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { checkStateDir } from './checkStateDir.js';
import { importLegacyState } from './importLegacyState.js';
import { logDiagnostics } from './logDiagnostics.js';
import { type Prepared, stateDir } from './prepare.js';
import { RuleReloader } from './RuleReloader.js';
import { type ClusterParts, redisCluster } from './redisCluster.js';
import { withStartupHint } from './startupHints.js';

export interface DaemonOptions {
  readonly logStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Serve the admin surface and watch rule files (the `start` command); off for `replay`. */
  readonly operate?: boolean;
  /** The redactor the CLI prints through, so logs, console and CLI output share one (taught this config). */
  readonly redactor?: SecretRedactor;
  /**
   * `durable` (default): state in `state.dir` on disk. `memory`: nothing is kept (`replay`, which must not
   * take the running daemon's state folder, nor leave its events in it).
   */
  readonly state?: 'durable' | 'memory';
}

/** The running daemon: the runtime built from a prepared config, with logs and graceful shutdown. */
export class Daemon {
  readonly runtime: Runtime;
  readonly logger: Logger;
  /** Start/ready/stop lines: at info even when the log level is `warn` (only `error`/`silent` hide them). */
  readonly #lifecycle: Logger;
  readonly redactor: SecretRedactor;
  readonly journal: EventJournal | undefined;
  readonly admin: AdminServer | undefined;
  readonly reloader: RuleReloader;
  readonly #prepared: Prepared;
  #stopping: Promise<number> | undefined;
  #ready = false;
  #operate = true;
  readonly #state: StateBackend;
  /** With `state.redis`: the shared backend, leases and bridges' adapter. */
  readonly #cluster: ClusterParts | undefined;
  /** This daemon's id among several (`node.id`). */
  readonly node: string;

  constructor(prepared: Prepared, options: DaemonOptions = {}) {
    const config = prepared.config;
    const rules = prepared.rules;
    const ruleSet = rules?.ruleSet;
    if (!config || !rules || !ruleSet) throw new Error('Daemon needs a valid prepared config');
    this.#prepared = prepared;
    const redactor = redactorFor(prepared, options.redactor);
    this.redactor = redactor;
    this.logger = createLogger({
      level: config.log.level,
      format: config.log.format,
      redactor,
      ...(options.logStream ? { stream: options.logStream } : {}),
    });
    this.node = config.node.id ?? `${hostname()}-${process.pid}`;
    this.#cluster = options.state === 'memory' ? undefined : this.#clusterOf(prepared);
    this.#state =
      options.state === 'memory'
        ? new MemoryStateBackend()
        : (this.#cluster?.state ?? new EmbeddedStateBackend({ dir: stateDir(config, prepared.loaded.dir) }));
    const cluster = this.#cluster;
    this.runtime = new Runtime({
      instances: prepared.instances,
      rules: ruleSet,
      logger: this.logger,
      calls: {
        ttlAfterEndSeconds: config.calls.ttlAfterEnd,
        idleTtlSeconds: config.calls.idleTtl,
        maxCalls: config.calls.max,
      },
      dedupe: { windowSeconds: config.dedupe.window, maxIds: config.dedupe.max },
      state: this.#state,
      node: this.node,
      ...(cluster ? { leases: cluster.leases, cluster: { warmWindowMs: cluster.warmWindowMs } } : {}),
      configDir: prepared.loaded.dir,
      adapterTimeouts: { startMs: config.startup.adapterTimeout, stopMs: config.shutdown.adapterTimeout },
      server: {
        host: config.server.host,
        port: config.server.port,
        bodyLimit: config.server.bodyLimit,
        ...(config.server.publicUrl ? { publicUrl: config.server.publicUrl } : {}),
        ...(cluster?.realtimeAdapter ? { realtimeAdapter: cluster.realtimeAdapter } : {}),
      },
    });
    this.#lifecycle = ['warn'].includes(config.log.level)
      ? this.logger.child({}, { level: 'info' })
      : this.logger;
    logDiagnostics(this.runtime.diagnostics, this.logger, redactor);
    this.reloader = new RuleReloader(
      prepared.loaded.path,
      this.runtime,
      prepared.instances,
      redactor,
      this.logger.child({ component: 'reload' }),
      config.adapters,
    );
    this.reloader.loadedAtStart(rules);
    this.#operate = options.operate ?? true;
    if (config.admin.enabled && this.#operate) {
      this.journal = new EventJournal(this.runtime.diagnostics, config.admin.journal);
      this.admin = new AdminServer(
        {
          host: config.admin.host,
          port: config.admin.port,
          ...(config.admin.token ? { token: config.admin.token } : {}),
          stream: config.admin.stream,
        },
        this.runtime,
        this.journal,
        redactor,
        () => this.#ready,
        this.logger.child({ component: 'admin' }),
        { reloader: this.reloader, instances: prepared.instances },
      );
    }
  }

  /** `state.redis`: builds the shared backend from `@switchboard/state-redis` (its absence is a config error). */
  #clusterOf(prepared: Prepared): ClusterParts | undefined {
    const redis = prepared.config?.state.redis;
    if (!redis) return undefined;
    const loaded = prepared.redis;
    if (!loaded?.module) {
      throw (
        loaded?.error ??
        new SwitchboardError(
          'SWB_STATE_BACKEND',
          '`state.redis` is set but @switchboard/state-redis was not loaded',
        )
      );
    }
    return redisCluster(loaded.module, redis, { node: this.node, configDir: prepared.loaded.dir });
  }

  /** Reloads the rules now (SIGHUP); the last good rules stay when the new ones have problems. */
  reload() {
    return this.reloader.reload();
  }

  /**
   * Checks the state folder and binds the ports, then starts the adapters: a port in use or an unusable
   * folder stops it before any adapter connects. A failure is logged as one line naming what to change;
   * what had started is stopped again, then the error is thrown. Returns early when `stop` was called
   * meanwhile (a signal during start-up).
   */
  async start(): Promise<void> {
    const { instances, rules } = this.#prepared;
    this.#lifecycle.info(
      {
        config: this.#prepared.loaded.path,
        node: this.node,
        instances: instances.map((i) => `${i.name} (${i.manifest.packageName})`),
      },
      `starting: ${instances.length} adapter instance(s), ${rules?.ruleSet?.rules.length ?? 0} rule(s), node ${this.node}`,
    );
    let admin: string | undefined;
    try {
      await this.#openState();
      admin = await this.#listenAdmin();
    } catch (error) {
      await this.admin?.close();
      await this.#state.close().catch(() => undefined);
      await this.#cluster?.close().catch(() => undefined);
      throw this.#failed(error);
    }
    if (this.#stopping) return;
    try {
      await this.runtime.start();
    } catch (error) {
      if (this.#stopping) return;
      const failure = this.#failed(withStartupHint(error, this.#prepared.loaded));
      await this.stop();
      throw failure;
    }
    if (this.#stopping) return;
    if (this.#operate && this.#prepared.config?.watch) await this.reloader.watch(this.#prepared.config.rules);
    this.#ready = true;
    this.#lifecycle.info({ http: this.runtime.http.address, admin }, 'ready');
  }

  /** The longest a stop can take: every adapter's stop timeout, the drain, and closing the servers. */
  get stopDeadlineMs(): number {
    const shutdown = this.#prepared.config?.shutdown;
    return (shutdown?.adapterTimeout ?? 10_000) + (shutdown?.drainTimeout ?? 5000) + 5000;
  }

  /**
   * Checks the state folder, opens the store there (one daemon per folder; a damaged store stops the start
   * with `SWB_STATE_CORRUPT`, a deleted one starts empty with a warning) and takes over what an older
   * version kept in `<instance>.json` files.
   */
  async #openState(): Promise<void> {
    const { config, loaded } = this.#prepared;
    if (!config || !this.#state.durable) return;
    if (this.#cluster) {
      // Shared state is opened (and checked) by the runtime; a node that cannot reach it does not start.
      this.#lifecycle.info(
        { state: this.#cluster.where },
        `state: ${this.#cluster.where}, shared with other nodes`,
      );
      return;
    }
    const dir = stateDir(config, loaded.dir);
    try {
      await checkStateDir(dir);
    } catch (error) {
      const message = `state.dir \`${dir}\` cannot be used: ${describeError(error)}; set \`state.dir\` to a folder the daemon can write`;
      throw loaded.document
        ? loaded.document.error('SWB_STATE_DIR', message, ['state', 'dir'], { cause: error })
        : new SwitchboardError('SWB_STATE_DIR', message, { cause: error });
    }
    const opening = await this.#state.open();
    const names = this.#prepared.instances.map((i) => i.name);
    const imported = await importLegacyState(dir, names, this.#state);
    for (const name of imported) {
      this.#lifecycle.info({ instance: name }, `state of \`${name}\` taken over from ${name}.json`);
    }
    this.#lifecycle.info(
      { dir, fresh: opening.fresh },
      opening.fresh ? 'state: starting empty' : 'state: opened',
    );
  }

  async #listenAdmin(): Promise<string | undefined> {
    const admin = this.admin;
    const config = this.#prepared.config;
    if (!admin || !config) return undefined;
    try {
      return await admin.listen();
    } catch (error) {
      const failure = listenFailure('admin surface', config.admin.host, config.admin.port, error);
      throw withStartupHint(failure, this.#prepared.loaded, 'admin');
    }
  }

  /** Logs why start-up failed, as one line; returns the error as logged. */
  #failed(error: unknown): SwitchboardError {
    const failure = SwitchboardError.is(error)
      ? error
      : new SwitchboardError('SWB_PLUGIN_LOAD', describeError(error), { cause: error });
    this.logger.error({ code: failure.code }, describeError(failure));
    return failure;
  }

  /**
   * Stops intake (new events are only recorded, and run after a restart), lets in-flight actions finish
   * (up to the drain timeout), then stops the adapters and flushes the state; reports what did not finish.
   */
  stop(): Promise<number> {
    this.#stopping ??= (async () => {
      const drain = this.#prepared.config?.shutdown.drainTimeout ?? 5000;
      this.#lifecycle.info(
        { drainMs: drain },
        'stopping: in-flight actions first (new events are kept for the restart), then adapters',
      );
      try {
        await this.reloader.close();
        const { unfinished } = await this.runtime.stop(drain);
        await this.#cluster?.close().catch((error: unknown) => {
          this.logger.warn({ err: describeError(error) }, "closing the bridges' Redis adapter failed");
        });
        await this.admin?.close();
        if (unfinished > 0)
          this.logger.warn(
            { unfinished },
            this.#state.durable
              ? `${unfinished} event(s) still in flight were cut off: they stay pending and run again after the restart`
              : `${unfinished} event(s) still in flight were aborted`,
          );
        else this.#lifecycle.info('stopped cleanly');
        return 0;
      } catch (error) {
        this.logger.error({ err: describeError(error) }, 'stop failed');
        return 1;
      }
    })();
    return this.#stopping;
  }
}
