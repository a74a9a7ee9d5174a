import { resolve } from 'node:path';
import { describeError, type SourceDocument, type SwitchboardError } from '@switchboard/core';
import {
  type CatalogInstance,
  type InstanceConfig,
  type LoadedRules,
  loadRuleFiles,
  RuleCatalog,
} from '@switchboard/core/host';
import { isLoopback } from '../admin/isLoopback.js';
import type { DaemonConfig } from '../config/DaemonConfig.js';
import { type LoadedConfig, loadConfig } from '../config/loadConfig.js';
import { describeUnmatched, resolveFiles } from '../config/resolveFiles.js';
import { loadInstances } from '../loading/loadInstances.js';
import { loadRedisModule, type RedisStateModule } from './redisCluster.js';

export interface Prepared {
  readonly loaded: LoadedConfig;
  readonly config?: DaemonConfig;
  readonly instances: InstanceConfig[];
  /** Every adapter that loaded (also with invalid options): what rules are checked against. */
  readonly catalog: CatalogInstance[];
  /** Enabled instances whose adapter did not load (their errors are among `errors`). */
  readonly unloaded: string[];
  readonly rules?: LoadedRules;
  readonly errors: SwitchboardError[];
  readonly warnings: SwitchboardError[];
  readonly secrets: string[];
  /** `state.redis`: the loaded `@switchboard/state-redis`, or why it could not be loaded (raised at start). */
  readonly redis?: { readonly module?: RedisStateModule; readonly error?: SwitchboardError };
}

/**
 * Everything `start`, `validate`, `test` and `replay` share: read the config, load and check the
 * adapters, compile the rules. Collects every problem instead of stopping at the first.
 */
export async function prepare(configFile: string, env: NodeJS.ProcessEnv = process.env): Promise<Prepared> {
  const loaded = await loadConfig(configFile, env);
  if (!loaded.config || !loaded.document) {
    return {
      loaded,
      instances: [],
      catalog: [],
      unloaded: [],
      errors: loaded.errors,
      warnings: [],
      secrets: loaded.secrets,
    };
  }
  const config = loaded.config;
  const reported = new Set(loaded.errors.map((e) => (e.path ?? []).join('.')));
  const { instances, catalog, errors } = await loadInstances(config, loaded.document, loaded.dir, reported);
  // Rules are checked against every adapter that loaded, even one with invalid options; what an adapter
  // that did not load may explain (its actions, `via` it) is not reported again: no cascade of errors.
  const unloaded = Object.keys(config.adapters).filter(
    (name) => config.adapters[name]?.enabled !== false && !catalog.some((c) => c.name === name),
  );
  const rules = await loadRulesOf(config, loaded.document, loaded.dir, catalog, env, unloaded);
  const redis = config.state.redis ? await loadRedisModule(loaded.document) : undefined;
  return {
    loaded,
    config,
    instances,
    catalog,
    unloaded,
    rules,
    errors: [...loaded.errors, ...errors, ...rules.errors],
    warnings: [...deploymentWarnings(config, loaded.document, instances), ...rules.warnings],
    secrets: [...loaded.secrets, ...rules.secrets],
    ...(redis ? { redis } : {}),
  };
}

/** What each adapter says about its instances' options where this daemon serves them (`SWB_PLUGIN_UNSAFE`). */
function deploymentWarnings(
  config: DaemonConfig,
  doc: SourceDocument,
  instances: readonly InstanceConfig[],
): SwitchboardError[] {
  const { host, publicUrl } = config.server;
  const publicHost =
    publicUrl === undefined ? undefined : URL.parse(publicUrl)?.hostname.replace(/^\[|\]$/g, '');
  const serverExposed = !isLoopback(host) || (publicHost !== undefined && !isLoopback(publicHost));
  return instances.flatMap(({ name, manifest, options }) => {
    if (typeof manifest.deploymentWarnings !== 'function') return [];
    let messages: readonly string[];
    try {
      messages = manifest.deploymentWarnings(options, { instance: name, serverHost: host, serverExposed });
    } catch (error) {
      messages = [`${manifest.packageName} could not check its options: ${describeError(error)}`];
    }
    return messages.map((m) =>
      doc.error('SWB_PLUGIN_UNSAFE', `\`${name}\`: ${m}`, ['adapters', name, 'options']),
    );
  });
}

/**
 * Compiles the config's rule files against the loaded instances (also used by hot reload). A `rules`
 * entry that matches no file is an error at its place in the config, and so is a config without any
 * rule (the daemon would do nothing), unless `allowNoRules` is set.
 */
export async function loadRulesOf(
  config: DaemonConfig,
  document: SourceDocument,
  dir: string,
  instances: readonly CatalogInstance[],
  env: NodeJS.ProcessEnv = process.env,
  unloaded: readonly string[] = [],
): Promise<LoadedRules> {
  const { files, unmatched } = await resolveFiles(config.rules, dir);
  const catalog = new RuleCatalog(
    instances.map((i) => ({ name: i.name, manifest: i.manifest })),
    { unloaded },
  );
  const loaded = await loadRuleFiles(files, { catalog, env, defaultActionTimeoutMs: config.actions.timeout });
  const errors = unmatched.map(({ entry, index }) =>
    document.error(
      'SWB_CONFIG_NOT_FOUND',
      `rules: ${describeUnmatched(entry)} (looked in ${dir})`,
      typeof config.rules === 'string' ? ['rules'] : ['rules', index],
    ),
  );
  if (errors.length === 0 && loaded.ruleSet?.rules.length === 0 && !config.allowNoRules) {
    errors.push(
      document.error(
        'SWB_CONFIG_NO_RULES',
        'the config has no rules, so the daemon would do nothing: list rule files under `rules`, or set `allowNoRules: true` to run without rules',
        ['rules'],
        { key: true },
      ),
    );
  }
  if (errors.length === 0) return loaded;
  const { ruleSet: _dropped, ...rest } = loaded;
  return { ...rest, errors: [...errors, ...loaded.errors] };
}

export const stateDir = (config: DaemonConfig, dir: string): string => resolve(dir, config.state.dir);
