import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const startBridge = readFileSync(new URL('../../src/bridge/startBridge.ts', import.meta.url), 'utf8');

describe('README: the Maestro bridge', () => {
  test('documents every option of Switchboard8x8Bridge.start', () => {
    const block = /export interface StartOptions \{([\s\S]*?)\n\}/.exec(startBridge)?.[1] ?? '';
    const names = [...block.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1] as string);
    expect(names).toContain('reconnectDelayMaxMs');
    for (const name of [...names, 'daemonUrl'])
      expect(readme, name).toMatch(new RegExp(`^\\| [^|]*\`${name}\``, 'm'));
  });
});
