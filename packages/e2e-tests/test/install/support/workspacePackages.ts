import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../setup/repoRoot.js';

/** The package.json fields the packaging tests read. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly keywords?: readonly string[];
  readonly license?: string;
  readonly engines?: { readonly node?: string };
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly publishConfig?: { readonly access?: string };
  readonly files?: readonly string[];
  readonly main?: string;
  readonly types?: string;
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, unknown>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

export interface WorkspacePackage {
  /** Relative to the repository root, e.g. `packages/core`. */
  readonly folder: string;
  readonly manifest: PackageManifest;
}

/** Every workspace of the root package.json (`packages/*`, `examples/*`). */
export function workspacePackages(): WorkspacePackage[] {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces.flatMap((pattern) => {
    const parent = pattern.replace(/\/\*$/, '');
    return readdirSync(join(repoRoot, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const folder = `${parent}/${entry.name}`;
        try {
          const text = readFileSync(join(repoRoot, folder, 'package.json'), 'utf8');
          return [{ folder, manifest: JSON.parse(text) as PackageManifest }];
        } catch {
          return [];
        }
      });
  });
}

/** The workspaces that are published: every one not marked `private`. */
export function publishablePackages(): WorkspacePackage[] {
  return workspacePackages().filter((workspace) => workspace.manifest.private !== true);
}
