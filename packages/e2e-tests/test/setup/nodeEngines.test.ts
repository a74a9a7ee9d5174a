import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './repoRoot.js';

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

const rootManifest = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(`${repoRoot}/package-lock.json`, 'utf8')) as {
  packages: Record<string, LockEntry>;
};

// `npm ci` warns EBADENGINE for every installed package whose `engines.node` excludes the running Node, so
// every package must accept the oldest Node the README promises (and the current one, which runs this).
const oldestNode = semver.minVersion(rootManifest.engines.node)?.version ?? '';

function nodeRange(entry: LockEntry): string | undefined {
  return Array.isArray(entry.engines) ? undefined : entry.engines?.node;
}

function refusing(nodeVersion: string, packages = lock.packages): string[] {
  return Object.entries(packages)
    .filter(([path]) => path !== '')
    .flatMap(([path, entry]) => {
      const range = nodeRange(entry);
      if (range === undefined || semver.satisfies(nodeVersion, range)) return [];
      return [`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}`];
    });
}

describe('no EBADENGINE on the Node versions the README promises', () => {
  test('the root promises Node >= 20.19', () => {
    expect(oldestNode).toBe('20.19.0');
  });

  test(`every package in package-lock.json accepts Node ${oldestNode}`, () => {
    expect(refusing(oldestNode)).toEqual([]);
  });

  test(`every package in package-lock.json accepts the Node running the tests (${process.version})`, () => {
    expect(refusing(process.version)).toEqual([]);
  });

  test('the check reads the engines fields npm reads, and reports a package that needs Node 22', () => {
    const withEngines = Object.values(lock.packages).filter((entry) => nodeRange(entry) !== undefined);
    expect(withEngines.length).toBeGreaterThan(50);
    const needs22 = { 'node_modules/a/node_modules/cookie': { version: '2.0.2', engines: { node: '>=22' } } };
    expect(refusing(oldestNode, { ...lock.packages, ...needs22 })).toContain('cookie@2.0.2 wants node >=22');
  });
});
