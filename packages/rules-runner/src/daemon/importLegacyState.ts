import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '@switchboard/core';
import { adapterKeyPrefix, type StateBackend } from '@switchboard/core/host';

/**
 * Core 1.0 kept each instance's state as `<state.dir>/<instance>.json` (an 8x8 SAPI subscription id):
 * on the first start with the state store, its keys are written into the instance's store (where
 * `ctx.state` reads them) and the file is renamed `<instance>.json.imported`. Returns the instances taken over.
 */
export async function importLegacyState(
  dir: string,
  instances: readonly string[],
  backend: StateBackend,
): Promise<string[]> {
  const imported: string[] = [];
  for (const instance of instances) {
    const file = join(dir, `${instance.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      continue; // none, or unreadable: nothing to take over
    }
    if (!isRecord(data)) continue;
    const ops = Object.entries(data).map(([key, value]) => ({
      op: 'setIfAbsent' as const,
      key: `${adapterKeyPrefix}${key}`,
      value,
    }));
    if (ops.length > 0) await backend.namespace(instance).batch(ops);
    await rename(file, `${file}.imported`);
    imported.push(instance);
  }
  return imported;
}
