import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir } from './packageDir.js';

/**
 * The package as shipped (its built `dist`): browser tests generate the web resource and serve the
 * emulator from it, because the browser runs exactly that code (compiled by tsc, inlined by source).
 */
const load = <T>(path: string): Promise<T> =>
  import(pathToFileURL(join(packageDir, 'dist', path)).href) as Promise<T>;

export const built = {
  main: () => load<typeof import('../../src/index.js')>('index.js'),
  testing: () => load<typeof import('../../src/testing/index.js')>('testing/index.js'),
};
