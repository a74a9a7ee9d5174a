import type { AdapterManifest } from './AdapterManifest.js';

/** Identity function that types an adapter manifest; `validateManifest` checks it at load time. */
export function defineAdapter<const M extends AdapterManifest>(manifest: M): M {
  return Object.freeze(manifest);
}
