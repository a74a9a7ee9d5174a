import { readFile } from 'node:fs/promises';
import type { BridgeServerConfig } from './bridgeProtocol.js';

/** File name of the browser bundle that `npm run build` writes (esbuild) into `dist/browser/`. */
export const bridgeBundleName = 'maestro-bridge.js';

/** From `dist/transport/maestro/` (the built package) or `src/transport/maestro/` (tests on the sources). */
const candidates = [
  new URL(`../../browser/${bridgeBundleName}`, import.meta.url),
  new URL(`../../../dist/browser/${bridgeBundleName}`, import.meta.url),
];

/** The built browser bundle; undefined when the package was not built. */
export async function readBridgeBundle(): Promise<string | undefined> {
  for (const url of candidates) {
    try {
      return await readFile(url, 'utf8');
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/**
 * The script the daemon serves: the bundle, then its configuration (namespace, Maestro URL) as a
 * JSON literal with `<` escaped, so no value can close a `<script>` element.
 */
export function bridgeScript(bundle: string, config: BridgeServerConfig): string {
  const json = JSON.stringify(config)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, '');
  return `${bundle}\n;window.Switchboard8x8Bridge.configure(${json});\n`;
}
