import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type TempDir, tempDir } from '@switchboard/test-support';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../setup/repoRoot.js';
import { type PackageManifest, publishablePackages, workspacePackages } from './support/workspacePackages.js';

// `npm run version-packages` (changeset version) on a copy of the workspace's manifests: one changeset
// that raises one adapter by a minor raises every published package to the same version, and every
// workspace's dependencies on them follow, so the workspace still installs from itself.

const changesetBin = join(
  dirname(createRequire(join(repoRoot, 'package.json')).resolve('@changesets/cli/package.json')),
  'bin.js',
);

describe('changeset version keeps the published packages in step', { timeout: 60_000 }, () => {
  let copy: TempDir;
  const before = publishablePackages()[0]?.manifest.version ?? '';
  const read = (folder: string) =>
    JSON.parse(readFileSync(join(copy.path, folder, 'package.json'), 'utf8')) as PackageManifest;

  beforeAll(async () => {
    copy = await tempDir('switchboard-version-');
    cpSync(join(repoRoot, 'package.json'), join(copy.path, 'package.json'));
    cpSync(join(repoRoot, '.changeset', 'config.json'), join(copy.path, '.changeset', 'config.json'));
    for (const { folder } of workspacePackages()) {
      mkdirSync(join(copy.path, folder), { recursive: true });
      cpSync(join(repoRoot, folder, 'package.json'), join(copy.path, folder, 'package.json'));
    }
    await copy.write(
      '.changeset/xucmgt-pane-option.md',
      '---\n"@switchboard/adapter-xucmgt": minor\n---\n\nA new option.\n',
    );
    const result = spawnSync(process.execPath, [changesetBin, 'version'], {
      cwd: copy.path,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  afterAll(async () => {
    await copy?.remove();
  });

  test('a minor change in one published package is the next minor of all of them', () => {
    const next = semver.inc(before, 'minor');
    for (const { folder, manifest } of publishablePackages()) {
      expect(read(folder).version, manifest.name).toBe(next);
    }
  });

  test('every dependency between workspaces is met after the bump; plugins’ peer ranges on core still hold', () => {
    const after = workspacePackages().map(({ folder }) => read(folder));
    const versions = new Map(after.map((m) => [m.name, m.version]));
    for (const manifest of after) {
      for (const deps of [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies]) {
        for (const [name, range] of Object.entries(deps ?? {})) {
          const version = versions.get(name);
          if (version !== undefined)
            expect(semver.satisfies(version, range), `${manifest.name} → ${name}@${range}`).toBe(true);
        }
      }
    }
  });
});
