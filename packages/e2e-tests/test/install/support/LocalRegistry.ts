import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import semver from 'semver';
import { repoRoot } from '../../setup/repoRoot.js';
import type { PackedPackage } from './packPackages.js';

/** The fields of a version that npm reads to resolve and install it (an "abbreviated" packument). */
const installFields = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bundleDependencies',
  'bin',
  'engines',
  'os',
  'cpu',
  'libc',
  'hasInstallScript',
  'deprecated',
  'license',
] as const;

interface LockEntry {
  readonly name?: string;
  readonly version?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly [field: string]: unknown;
}

interface VersionSource {
  readonly manifest: Record<string, unknown>;
  readonly integrity: string;
  /** The packed tarball, or undefined for a third-party package (read from the npm cache by integrity). */
  readonly tarball?: string;
}

/**
 * A read-only npm registry on 127.0.0.1 for install tests: it serves the packed Switchboard tarballs, and
 * every third-party package version of this workspace's package-lock.json with the tarball from the local
 * npm cache (where `npm ci` put it). So a project outside the workspace installs exactly as from
 * registry.npmjs.org, without the network: a package or version the lock does not have is a 404.
 */
export class LocalRegistry {
  /** Package names whose metadata npm asked for, in order. */
  readonly asked: string[] = [];
  /** Tarballs npm asked for that the npm cache did not have. */
  readonly missing: string[] = [];
  readonly #server: Server;
  readonly #packages: Map<string, Map<string, VersionSource>>;
  readonly #cacheDir: string;

  private constructor(server: Server, packages: Map<string, Map<string, VersionSource>>, cacheDir: string) {
    this.#server = server;
    this.#packages = packages;
    this.#cacheDir = cacheDir;
  }

  static async start(packed: readonly PackedPackage[], npmCacheDir: string): Promise<LocalRegistry> {
    const packages = await lockedVersions();
    for (const pkg of packed) {
      const manifest: Record<string, unknown> = { name: pkg.name, version: pkg.version };
      for (const field of installFields) {
        const value = (pkg.manifest as unknown as Record<string, unknown>)[field];
        if (value !== undefined) manifest[field] = value;
      }
      packages.set(
        pkg.name,
        new Map([[pkg.version, { manifest, integrity: pkg.integrity, tarball: pkg.tarball }]]),
      );
    }
    const server = createServer();
    const registry = new LocalRegistry(server, packages, npmCacheDir);
    server.on('request', (request, response) => {
      registry.#handle(request.url ?? '/', response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return registry;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(rawUrl: string, response: import('node:http').ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(rawUrl, 'http://registry').pathname);
    const tarball = /^\/-\/tarball\/(.+)\/([^/]+)\.tgz$/.exec(path);
    if (tarball) {
      await this.#sendTarball(tarball[1] ?? '', tarball[2] ?? '', response);
      return;
    }
    const name = path.slice(1);
    const versions = this.#packages.get(name);
    if (!versions) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    this.asked.push(name);
    const body = {
      name,
      'dist-tags': { latest: semver.rsort([...versions.keys()])[0] },
      versions: Object.fromEntries(
        [...versions].map(([version, source]) => [
          version,
          {
            ...source.manifest,
            dist: {
              tarball: `${this.url}-/tarball/${encodeURIComponent(name)}/${version}.tgz`,
              integrity: source.integrity,
            },
          },
        ]),
      ),
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async #sendTarball(name: string, version: string, response: import('node:http').ServerResponse) {
    const source = this.#packages.get(name)?.get(version);
    const file = source?.tarball ?? (source ? cachedContent(this.#cacheDir, source.integrity) : undefined);
    const found =
      file !== undefined &&
      (await access(file).then(
        () => true,
        () => false,
      ));
    if (!found || file === undefined) {
      this.missing.push(`${name}@${version}`);
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(response);
  }
}

/** Where cacache keeps the content of an integrity (`<cache>/_cacache/content-v2/<algorithm>/<hex…>`). */
function cachedContent(cacheDir: string, integrity: string): string | undefined {
  const [algorithm, base64] = integrity.split(' ')[0]?.split('-') ?? [];
  if (!algorithm || !base64) return undefined;
  const hex = Buffer.from(base64, 'base64').toString('hex');
  return join(cacheDir, '_cacache', 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

/** Every third-party version of package-lock.json, by package name (an npm alias under its real name). */
async function lockedVersions(): Promise<Map<string, Map<string, VersionSource>>> {
  const lock = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const packages = new Map<string, Map<string, VersionSource>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || entry.link || !entry.version || !entry.integrity) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const manifest: Record<string, unknown> = { name, version: entry.version };
    for (const field of installFields) if (entry[field] !== undefined) manifest[field] = entry[field];
    const versions = packages.get(name) ?? new Map<string, VersionSource>();
    versions.set(entry.version, { manifest, integrity: entry.integrity });
    packages.set(name, versions);
  }
  return packages;
}
