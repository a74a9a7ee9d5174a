import type { ServiceIdentifier } from 'inversify';

/**
 * A typed inversify service identifier: `Symbol.for(key)`, so two copies of a package agree on it.
 * `key` is `<package name>/<Name>`, e.g. `@acme/switchboard-adapter/Directory`.
 */
export function serviceId<T>(key: string): ServiceIdentifier<T> {
  return Symbol.for(key);
}
