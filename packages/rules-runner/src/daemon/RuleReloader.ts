import { dirname, resolve } from 'node:path';
import { describeError } from '@switchboard/core';
import { type InstanceConfig, type Runtime } from '@switchboard/core/host';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'pino';
import { loadConfig } from '../config/loadConfig.js';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { loadRulesOf } from './prepare.js';

export interface ReloadResult {
  readonly ok: boolean;
  readonly rules?: number;
  readonly problems: readonly string[];
}

/** The folder a rule entry lives in: the entry's folder, or a glob's fixed prefix. */
function watchRoot(entry: string, baseDir: string): string {
  const glob = entry.search(/[*?[\]{}]/);
  const fixed = glob < 0 ? dirname(entry) : entry.slice(0, entry.lastIndexOf('/', glob) + 1) || '.';
  return resolve(baseDir, fixed);
}

/**
 * Hot reload of rules: on a change of a rule file or the config (or SIGHUP), everything is read,
 * checked and compiled again, then swapped in at once. A broken change keeps the last good rules,
 * logs every problem as `file:line:col`, and counts a reload failure. Adapter changes need a restart.
 */
export class RuleReloader {
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<ReloadResult> | undefined;
  #again = false;
  readonly #adapters: string;

  constructor(
    private readonly configPath: string,
    private readonly runtime: Runtime,
    private readonly instances: readonly InstanceConfig[],
    private readonly redactor: SecretRedactor,
    private readonly logger: Logger,
    adaptersSnapshot: unknown,
  ) {
    this.#adapters = JSON.stringify(adaptersSnapshot);
  }

  /** Watches the config and the folders of its rule entries; resolves once the watcher is ready. */
  watch(ruleEntries: string | readonly string[]): Promise<void> {
    const entries = typeof ruleEntries === 'string' ? [ruleEntries] : ruleEntries;
    const baseDir = dirname(this.configPath);
    const roots = [...new Set([this.configPath, ...entries.map((e) => watchRoot(e, baseDir))])];
    this.#watcher = watch(roots, {
      ignoreInitial: true,
      ignored: (path, stats) => stats?.isFile() === true && !/\.ya?ml$/.test(path),
      awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
    });
    this.#watcher.on('all', (kind, path) => {
      this.logger.debug({ kind, path }, 'rule source changed');
      this.schedule();
    });
    this.#watcher.on('error', (error) =>
      this.logger.warn({ err: describeError(error) }, 'file watcher error'),
    );
    const watcher = this.#watcher;
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Debounced reload (several saves in a row reload once). */
  schedule(delayMs = 100): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.reload().catch((error: unknown) => {
        this.runtime.metrics.ruleReloads.inc({ result: 'failure' });
        this.logger.error({ err: describeError(error) }, 'reload failed; the previous rules keep running');
      });
    }, delayMs);
  }

  /** Reloads now; concurrent calls are serialized, and a change during a reload triggers one more. */
  reload(): Promise<ReloadResult> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#reloadOnce().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.schedule(0);
      }
    });
    return this.#running;
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#watcher?.close();
  }

  async #reloadOnce(): Promise<ReloadResult> {
    const metrics = this.runtime.metrics.ruleReloads;
    const loaded = await loadConfig(this.configPath);
    this.redactor.add(loaded.secrets);
    const fail = (problems: string[]): ReloadResult => {
      metrics.inc({ result: 'failure' });
      for (const p of problems) this.logger.error({ problem: p }, p);
      this.logger.error(
        { problems: problems.length },
        `reload failed: ${problems.length} problem(s); the previous rules keep running`,
      );
      return { ok: false, problems };
    };
    if (!loaded.config || !loaded.document || loaded.errors.length > 0)
      return fail(loaded.errors.map((e) => e.format()));
    if (JSON.stringify(loaded.config.adapters) !== this.#adapters) {
      this.logger.warn('adapter settings changed: they take effect after a restart (rules are reloaded now)');
    }
    const rules = await loadRulesOf(loaded.config, loaded.document, loaded.dir, this.instances);
    this.redactor.add(rules.secrets);
    if (!rules.ruleSet) return fail(rules.errors.map((e) => e.format()));
    this.runtime.setRules(rules.ruleSet);
    metrics.inc({ result: 'success' });
    this.logger.info(
      { rules: rules.ruleSet.rules.length },
      `rules reloaded: ${rules.ruleSet.rules.length} rule(s)`,
    );
    return { ok: true, rules: rules.ruleSet.rules.length, problems: [] };
  }
}
