import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads a CommonJS dependency on first use, so commands that never need it (`validate`, `test`) do not
 * pay for loading it: the daemon's HTTP server, socket.io and undici add ~100 ms to every start.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(id) as T;
    return loaded;
  };
}
