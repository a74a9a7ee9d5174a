import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../setup/repoRoot.js';
import { runNpm } from './npmCommand.js';
import type { PackageManifest, WorkspacePackage } from './workspacePackages.js';

/** One tarball `npm pack` wrote. */
export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the .tgz. */
  readonly tarball: string;
  readonly integrity: string;
  readonly shasum: string;
  /** The paths inside the package, as npm lists them. */
  readonly files: readonly string[];
  readonly manifest: PackageManifest;
}

interface PackReport {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly integrity: string;
  readonly shasum: string;
  readonly files: readonly { readonly path: string }[];
}

/**
 * `npm pack`s the workspaces (built already: the tests depend on every package's build) into
 * `destination`, in one npm run. Lifecycle scripts are skipped: packing must not rebuild the workspace.
 */
export async function packPackages(
  workspaces: readonly WorkspacePackage[],
  destination: string,
): Promise<PackedPackage[]> {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination];
  for (const workspace of workspaces) args.push('--workspace', workspace.folder);
  const result = await runNpm(args, { cwd: repoRoot, timeoutMs: 120_000 });
  if (result.status !== 0) throw new Error(`npm pack failed\n${result.output}`);
  const reports = JSON.parse(result.stdout) as PackReport[];
  return Promise.all(
    reports.map(async (report) => {
      const workspace = workspaces.find((w) => w.manifest.name === report.name);
      if (!workspace) throw new Error(`npm pack reported ${report.name}, which was not asked for`);
      const manifest = JSON.parse(
        await readFile(join(repoRoot, workspace.folder, 'package.json'), 'utf8'),
      ) as PackageManifest;
      return {
        name: report.name,
        version: report.version,
        tarball: join(destination, report.filename),
        integrity: report.integrity,
        shasum: report.shasum,
        files: report.files.map((file) => file.path),
        manifest,
      };
    }),
  );
}
