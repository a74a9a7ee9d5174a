import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './repoRoot.js';

const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
const ciRun = readFileSync(`${repoRoot}/.ci/run`, 'utf8');
const { scripts } = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
  scripts: { test: string; demo: string };
};

/** The shell blocks of the README's "Try it" section: the two set-up commands, in order. */
function tryItCommands(): string[] {
  const section = readme.slice(
    readme.indexOf('## Try it'),
    readme.indexOf('\n## ', readme.indexOf('## Try it') + 1),
  );
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => (match[1] ?? '').trim());
}

/** What .ci/run executes: its lines that are not comments, `set`, `cd`, `export` or a version print. */
function ciCommands(): string[] {
  return ciRun
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .filter((line) => !/^(set|cd|export) /.test(line) && line !== 'node --version');
}

describe('the README set-up commands are the ones that run', () => {
  test('"Try it" has exactly two commands: the demo and every test', () => {
    expect(tryItCommands()).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  test('.ci/run runs exactly the README test command and nothing else', () => {
    expect(ciCommands()).toEqual([tryItCommands()[1]]);
  });

  test('npm test installs what the tests need before anything else runs', () => {
    expect(scripts.test.split(' && ')[0]).toBe('node scripts/ensure-test-deps.mjs');
    expect(existsSync(`${repoRoot}/scripts/ensure-test-deps.mjs`)).toBe(true);
  });

  test('npm run demo starts the daemon on the demo config that exists', () => {
    const config = /--config (\S+)/.exec(scripts.demo)?.[1];
    expect(scripts.demo.startsWith('rules-runner start ')).toBe(true);
    expect(config !== undefined && existsSync(`${repoRoot}/${config}`)).toBe(true);
  });
});
