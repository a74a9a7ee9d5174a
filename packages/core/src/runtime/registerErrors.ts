import type { AdapterManifest } from '../contract/defineAdapter.js';
import { SwitchboardError } from '../errors/index.js';

/** Adds a manifest's error codes to the loaded set; two adapters may not share a prefix. */
export function registerErrors(
  manifest: AdapterManifest,
  codes: Set<string>,
  prefixes: Map<string, string>,
): void {
  const errors = manifest.errors;
  if (!errors) return;
  const owner = prefixes.get(errors.prefix);
  if (owner !== undefined && owner !== manifest.packageName) {
    throw new SwitchboardError(
      'SWB_PLUGIN_MANIFEST',
      `${manifest.packageName} and ${owner} both use the error prefix \`${errors.prefix}\``,
    );
  }
  prefixes.set(errors.prefix, manifest.packageName);
  for (const code of Object.keys(errors.codes)) codes.add(code);
}
