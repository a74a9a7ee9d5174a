import { dirname, resolve } from 'node:path';
import { describeError, type SwitchboardError } from '@switchboard/core';
import type { InstanceConfig, LoadedRules, Runtime } from '@switchboard/core/host';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'pino';
import { loadConfig } from '../config/loadConfig.js';
import type { SecretRedactor } from '../logging/SecretRedactor.js';
import { loadRulesOf } from './prepare.js';
import { ReloadHistory, type ReloadRecord, type ReloadTrigger, toReloadProblem } from './ReloadHistory.js';

export interface ReloadResult {
  readonly ok: boolean;
  readonly rules?: number;
  readonly problems: readonly string[];
  /** The record of this reload in `history` (with each problem's file:line:col). */
  readonly record: ReloadRecord;
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
 * Every load (the one at start too) is kept in `history`, for the console.
 */
export class RuleReloader {
  readonly history = new ReloadHistory();
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

  /** Whether rule files are watched (`watch`, not `--no-watch`). */
  get watching(): boolean {
    return this.#watcher !== undefined;
  }

  /** Records the rules the daemon starts with, as the first entry of `history`. */
  loadedAtStart(rules: LoadedRules): void {
    this.history.add({
      time: new Date().toISOString(),
      trigger: 'start',
      ok: true,
      rules: rules.ruleSet?.rules.length ?? 0,
      problems: [],
      warnings: rules.warnings.map(toReloadProblem),
    });
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
      this.schedule(100, 'file change');
    });
    this.#watcher.on('error', (error) =>
      this.logger.warn({ err: describeError(error) }, 'file watcher error'),
    );
    const watcher = this.#watcher;
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Debounced reload (several saves in a row reload once). */
  schedule(delayMs = 100, trigger: ReloadTrigger = 'file change'): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.reload(trigger).catch((error: unknown) => {
        this.runtime.metrics.ruleReloads.inc({ result: 'failure' });
        this.logger.error({ err: describeError(error) }, 'reload failed; the previous rules keep running');
      });
    }, delayMs);
  }

  /** Reloads now; concurrent calls are serialized, and a change during a reload triggers one more. */
  reload(trigger: ReloadTrigger = 'signal'): Promise<ReloadResult> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#reloadOnce(trigger).finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.schedule(0, trigger);
      }
    });
    return this.#running;
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#watcher?.close();
  }

  async #reloadOnce(trigger: ReloadTrigger): Promise<ReloadResult> {
    const metrics = this.runtime.metrics.ruleReloads;
    const loaded = await loadConfig(this.configPath);
    this.redactor.add(loaded.secrets);
    const fail = (
      errors: readonly SwitchboardError[],
      warnings: readonly SwitchboardError[],
    ): ReloadResult => {
      metrics.inc({ result: 'failure' });
      const problems = errors.map((e) => e.format());
      for (const p of problems) this.logger.error({ problem: p }, p);
      this.logger.error(
        { problems: problems.length },
        `reload failed: ${problems.length} problem(s); the previous rules keep running`,
      );
      const record = this.history.add({
        time: new Date().toISOString(),
        trigger,
        ok: false,
        rules: this.runtime.rules.rules.length,
        problems: errors.map(toReloadProblem),
        warnings: warnings.map(toReloadProblem),
      });
      return { ok: false, problems, record };
    };
    if (!loaded.config || !loaded.document || loaded.errors.length > 0) return fail(loaded.errors, []);
    if (JSON.stringify(loaded.config.adapters) !== this.#adapters) {
      this.logger.warn('adapter settings changed: they take effect after a restart (rules are reloaded now)');
    }
    const rules = await loadRulesOf(loaded.config, loaded.document, loaded.dir, this.instances);
    this.redactor.add(rules.secrets);
    if (!rules.ruleSet) return fail(rules.errors, rules.warnings);
    this.runtime.setRules(rules.ruleSet);
    metrics.inc({ result: 'success' });
    const count = rules.ruleSet.rules.length;
    this.logger.info({ rules: count }, `rules reloaded: ${count} rule(s)`);
    const record = this.history.add({
      time: new Date().toISOString(),
      trigger,
      ok: true,
      rules: count,
      problems: [],
      warnings: rules.warnings.map(toReloadProblem),
    });
    return { ok: true, rules: count, problems: [], record };
  }
}
