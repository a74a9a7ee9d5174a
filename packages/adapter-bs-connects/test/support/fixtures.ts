import { readFileSync } from 'node:fs';

/** A recorded Integration API event from `test/fixtures/`. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}
