import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const source = (file: string): string => readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');

/** The fields of an exported interface, read from its source file. */
function fieldsOf(file: string, name: string): string[] {
  const body = new RegExp(`export interface ${name}[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(source(file))?.[1] ?? '';
  return [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1] as string);
}

describe('the README keeps up with the code', () => {
  const options = [
    ...fieldsOf('redisClient.ts', 'RedisConnectionOptions'),
    ...fieldsOf('RedisStateBackend.ts', 'RedisStateOptions'),
    ...fieldsOf('RedisLeaseManager.ts', 'LeaseTiming'),
    ...fieldsOf('redisRealtimeAdapter.ts', 'RedisRealtimeOptions'),
  ];

  it('finds the option interfaces', () => {
    expect(options).toEqual(expect.arrayContaining(['url', 'prefix', 'ttlMs', 'requestsTimeoutMs']));
  });

  it.each(options)('documents the option `%s`', (option) => {
    expect(readme).toMatch(new RegExp(`\\| \`${option}\` +\\|`));
  });

  it.each(['RedisStateBackend', 'redisRealtimeAdapter'])('shows `%s` in use', (name) => {
    expect(Object.keys(api)).toContain(name);
    expect(readme).toContain(`${name}(`);
  });
});
