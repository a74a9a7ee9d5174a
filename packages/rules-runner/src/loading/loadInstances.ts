import {
  type AdapterManifest,
  checkOptions,
  type InstanceConfig,
  type SourceDocument,
  SwitchboardError,
  schemaProblems,
} from '@switchboard/core';
import type { DaemonConfig } from '../config/DaemonConfig.js';
import { loadAdapter } from './loadAdapter.js';

export interface LoadedInstances {
  readonly instances: InstanceConfig[];
  readonly errors: SwitchboardError[];
}

/** Loads every enabled adapter instance of the config and checks its options, with positions. */
export async function loadInstances(
  config: DaemonConfig,
  doc: SourceDocument,
  baseDir: string,
): Promise<LoadedInstances> {
  const instances: InstanceConfig[] = [];
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
    const check = checkOptions(manifest, entry.options ?? {});
    if (!check.ok) {
      errors.push(
        ...schemaProblems(doc, check.errors, ['adapters', name, 'options'], `options of \`${name}\``),
      );
      continue;
    }
    instances.push({ name, manifest, options: check.options });
  }
  return { instances, errors };
}
