import { describeError, FileKeyValueStoreFactory, Runtime } from '@switchboard/core';
import type { Logger } from 'pino';
import { AdminServer } from '../admin/AdminServer.js';
import { EventJournal } from '../admin/EventJournal.js';
import { createLogger } from '../logging/createLogger.js';
import { redactorFor } from '../logging/redactorFor.js';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { logDiagnostics } from './logDiagnostics.js';
import { type Prepared, stateDir } from './prepare.js';
import { RuleReloader } from './RuleReloader.js';

export interface DaemonOptions {
  readonly logStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Serve the admin surface and watch rule files (the `start` command); off for `replay`. */
  readonly operate?: boolean;
  /** The redactor the CLI prints through, so logs, console and CLI output share one (taught this config). */
  readonly redactor?: SecretRedactor;
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

  constructor(prepared: Prepared, options: DaemonOptions = {}) {
    const config = prepared.config;
    const ruleSet = prepared.rules?.ruleSet;
    if (!config || !ruleSet) throw new Error('Daemon needs a valid prepared config');
    this.#prepared = prepared;
    const redactor = redactorFor(prepared, options.redactor);
    this.redactor = redactor;
    this.logger = createLogger({
      level: config.log.level,
      format: config.log.format,
      redactor,
      ...(options.logStream ? { stream: options.logStream } : {}),
    });
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
      state: new FileKeyValueStoreFactory(stateDir(config, prepared.loaded.dir)),
      configDir: prepared.loaded.dir,
      server: {
        host: config.server.host,
        port: config.server.port,
        bodyLimit: config.server.bodyLimit,
        ...(config.server.publicUrl ? { publicUrl: config.server.publicUrl } : {}),
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
    this.#operate = options.operate ?? true;
    if (config.admin.enabled && this.#operate) {
      this.journal = new EventJournal(this.runtime.diagnostics, config.admin.journal);
      const port = process.env.SWITCHBOARD_ADMIN_PORT;
      this.admin = new AdminServer(
        {
          host: config.admin.host,
          port: port ? Number(port) : config.admin.port,
          ...(config.admin.token ? { token: config.admin.token } : {}),
          stream: config.admin.stream,
        },
        this.runtime,
        this.journal,
        redactor,
        () => this.#ready,
        this.logger.child({ component: 'admin' }),
      );
    }
  }

  /** Reloads the rules now (SIGHUP); the last good rules stay when the new ones have problems. */
  reload() {
    return this.reloader.reload();
  }

  async start(): Promise<void> {
    const { instances, rules } = this.#prepared;
    this.#lifecycle.info(
      {
        config: this.#prepared.loaded.path,
        instances: instances.map((i) => `${i.name} (${i.manifest.packageName})`),
      },
      `starting: ${instances.length} adapter instance(s), ${rules?.ruleSet?.rules.length ?? 0} rule(s)`,
    );
    await this.runtime.start();
    const admin = await this.admin?.listen();
    if (this.#operate && this.#prepared.config?.watch) await this.reloader.watch(this.#prepared.config.rules);
    this.#ready = true;
    this.#lifecycle.info({ http: this.runtime.http.address, admin }, 'ready');
  }

  /** Stops adapters, lets in-flight actions finish (up to the drain timeout), reports what did not. */
  stop(): Promise<number> {
    this.#stopping ??= (async () => {
      const drain = this.#prepared.config?.shutdown.drainTimeout ?? 5000;
      this.#lifecycle.info({ drainMs: drain }, 'stopping: adapters first, then in-flight actions');
      try {
        await this.reloader.close();
        const { unfinished } = await this.runtime.stop(drain);
        await this.admin?.close();
        if (unfinished > 0)
          this.logger.warn({ unfinished }, `${unfinished} event(s) still in flight were aborted`);
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
