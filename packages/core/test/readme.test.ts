import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { coreActionSpecs, errorCodes } from '../src/index.js';
import { problemsOf, warningsOf } from './fixtures/compile.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README keeps up with the code', () => {
  test('the `http` row lists every param of the http action', () => {
    const row = readme.split('\n').find((line) => line.startsWith('| `http` |'));
    const listed = [
      ...(row ?? '')
        .split('|')[2]!
        .split(';')[0]!
        .matchAll(/`(\w+)`/g),
    ].map((m) => m[1]);
    const properties = (coreActionSpecs.http!.params as { properties: object }).properties;
    expect(listed.sort()).toEqual(Object.keys(properties).sort());
  });

  test('the allowHosts example loads without problems or warnings', () => {
    const block = /```yaml\n(\s*- name: per-region-crm[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const indent = /^(\s*)/.exec(block!)![1]!.length;
    const rules = `rules:\n${block!
      .split('\n')
      .map((line) => `  ${line.slice(indent)}`)
      .join('\n')}`;
    expect(problemsOf(rules, { CRM_TOKEN: 't' })).toEqual([]);
    expect(warningsOf(rules, { CRM_TOKEN: 't' })).toEqual([]);
  });

  test('every error code it names exists', () => {
    const named = [...readme.matchAll(/\bSWB_[A-Z_]+\b/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.filter((code) => !(code in errorCodes))).toEqual([]);
  });
});
