import {
  type AdapterManifest,
  type SourceDocument,
  SwitchboardError,
  schemaProblems,
} from '@switchboard/core';
import { type CatalogInstance, checkOptions, type InstanceConfig } from '@switchboard/core/host';
import type { DaemonConfig } from '../config/DaemonConfig.js';
import { loadAdapter } from './loadAdapter.js';

export interface LoadedInstances {
  /** Instances whose adapter loaded and whose options are valid: what the daemon runs. */
  readonly instances: InstanceConfig[];
  /** Every instance whose adapter loaded, even with invalid options: what rules are checked against. */
  readonly catalog: CatalogInstance[];
  readonly errors: SwitchboardError[];
}

/**
 * Loads every enabled adapter instance of the config and checks its options, with positions. Options
 * left empty by a missing `${VAR}` are reported once, as the missing variable (`reported` paths).
 */
export async function loadInstances(
  config: DaemonConfig,
  doc: SourceDocument,
  baseDir: string,
  reported: ReadonlySet<string> = new Set(),
): Promise<LoadedInstances> {
  const instances: InstanceConfig[] = [];
  const catalog: CatalogInstance[] = [];
  const errors: SwitchboardError[] = [];
  const cache = new Map<string, Promise<AdapterManifest>>();
  for (const [name, entry] of Object.entries(config.adapters)) {
    if (entry.enabled === false || entry.use === '') continue; // an empty `use` was a missing ${VAR}, already reported
    let manifest: AdapterManifest;
    try {
      let pending = cache.get(entry.use);
      if (!pending) {
        pending = loadAdapter(entry.use, baseDir);
        cache.set(entry.use, pending);
      }
      manifest = await pending;
    } catch (error) {
      const e = SwitchboardError.is(error) ? error : new SwitchboardError('SWB_PLUGIN_LOAD', String(error));
      errors.push(doc.error(e.code, e.message, ['adapters', name, 'use'], { cause: error }));
      continue;
    }
    catalog.push({ name, manifest });
    const check = checkOptions(manifest, entry.options ?? {});
    if (!check.ok) {
      const problems = schemaProblems(
        doc,
        check.errors,
        ['adapters', name, 'options'],
        `options of \`${name}\``,
      );
      errors.push(...problems.filter((p) => !reported.has((p.path ?? []).join('.'))));
      continue;
    }
    instances.push({ name, manifest, options: check.options });
  }
  return { instances, catalog, errors };
}
