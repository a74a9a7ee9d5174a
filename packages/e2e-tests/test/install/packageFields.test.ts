import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../setup/repoRoot.js';
import {
  publishablePackages,
  type WorkspacePackage,
  workspacePackages,
} from './support/workspacePackages.js';

const published = publishablePackages();
const workspaces = workspacePackages();
const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const changesets = JSON.parse(readFileSync(join(repoRoot, '.changeset', 'config.json'), 'utf8')) as {
  fixed: string[][];
};
const core = workspaces.find((w) => w.manifest.name === '@switchboard/core');
/** Plugins: what `use:` loads (a manifest with a peer dependency on core), the scaffolding tool aside. */
const isPlugin = (w: WorkspacePackage) => /(^|\/)(switchboard-)?adapter-/.test(w.manifest.name);

describe('the published packages', () => {
  test('are core, rules-runner, the two state stores, the four vendor adapters, the webhook plugin and the scaffold', () => {
    expect(published.map((w) => w.manifest.name).sort()).toEqual([
      '@switchboard/adapter-8x8',
      '@switchboard/adapter-bs-connects',
      '@switchboard/adapter-xcally',
      '@switchboard/adapter-xucmgt',
      '@switchboard/core',
      '@switchboard/rules-runner',
      '@switchboard/state-embedded',
      '@switchboard/state-redis',
      'create-switchboard-adapter',
      'switchboard-adapter-webhook',
    ]);
  });

  test('share one version, kept in step by the changesets `fixed` group of exactly these packages', () => {
    expect(new Set(published.map((w) => w.manifest.version)).size).toBe(1);
    expect(changesets.fixed).toHaveLength(1);
    expect([...(changesets.fixed[0] ?? [])].sort()).toEqual(published.map((w) => w.manifest.name).sort());
  });

  test('every dependency of a workspace on another one is met by that workspace (npm never fetches it)', () => {
    const versions = new Map(workspaces.map((w) => [w.manifest.name, w.manifest.version]));
    const unmet = workspaces.flatMap((w) =>
      [w.manifest.dependencies, w.manifest.devDependencies, w.manifest.peerDependencies].flatMap((deps) =>
        Object.entries(deps ?? {}).flatMap(([name, range]) => {
          const version = versions.get(name);
          return version === undefined || semver.satisfies(version, range)
            ? []
            : [`${w.manifest.name} wants ${name}@${range}, the workspace has ${version}`];
        }),
      ),
    );
    expect(unmet).toEqual([]);
  });

  test.each(published.map((w) => [w.manifest.name, w] as const))(
    '%s: license, repository, engines, access',
    (_, w) => {
      const m = w.manifest;
      expect(m.license).toBe('MIT');
      expect(readFileSync(join(repoRoot, w.folder, 'LICENSE'), 'utf8')).toBe(
        readFileSync(join(repoRoot, 'LICENSE'), 'utf8'),
      );
      expect(m.repository).toEqual({
        type: 'git',
        url: 'git+https://github.com/switchboard-cti/switchboard.git',
        directory: w.folder,
      });
      expect(m.engines?.node).toBe(rootManifest.engines.node);
      if (m.name.startsWith('@')) expect(m.publishConfig?.access).toBe('public');
      expect(m.files).toContain('LICENSE');
      expect(m.files).toContain('README.md');
    },
  );

  test.each(published.filter(isPlugin).map((w) => [w.manifest.name, w] as const))(
    '%s: a plugin: keyword switchboard-adapter, core as a peer (met by this core), never as a dependency',
    (_, w) => {
      expect(w.manifest.keywords).toContain('switchboard-adapter');
      const range = w.manifest.peerDependencies?.['@switchboard/core'];
      expect(range).toBeDefined();
      expect(semver.satisfies(core?.manifest.version ?? '', range ?? '')).toBe(true);
      expect(w.manifest.dependencies?.['@switchboard/core']).toBeUndefined();
      expect(w.manifest.peerDependenciesMeta?.['@switchboard/core']?.optional).not.toBe(true);
    },
  );
});
