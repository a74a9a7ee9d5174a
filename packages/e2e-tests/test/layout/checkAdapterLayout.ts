import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AdapterManifest } from '@switchboard/core';
import { validateManifest } from '@switchboard/core/host';

/**
 * What an adapter is for the layout (docs/writing-an-adapter.md): a client of the vendor (`client`), a
 * server browsers connect to (`bridge`), a web service the vendor calls (`server`), or a source of
 * events of its own (`generator`).
 */
export type AdapterKind = 'client' | 'bridge' | 'server' | 'generator';

export interface LayoutOptions {
  /** The prefix of the adapter's class names: `Xcally` → `XcallyRuntime.ts`. */
  readonly vendor: string;
  readonly kind: AdapterKind;
}

export interface LayoutResult {
  /** What breaks the layout: each a sentence naming the file. */
  readonly problems: string[];
  /** Not failures: files over 250 lines, for the author to look at. */
  readonly notes: string[];
}

/** Every file under `dir`, as paths relative to `root`. */
function filesUnder(root: string, dir: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? filesUnder(root, path) : [path];
  });
}

/** `url`, `tls.ca`, `reconnect.initialMs`… from an options schema. */
export function optionNames(schema: Readonly<Record<string, unknown>>, prefix = ''): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).flatMap(([key, sub]) =>
    sub.properties ? optionNames(sub, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The first cells of a README's table rows (`| \`name\` |`). */
function tableNames(readme: string): Set<string> {
  return new Set([...readme.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1] as string));
}

/** Local copies of what core provides (browser bundles, which cannot import core, keep theirs). */
const localUtility =
  /\b(?:function\s+(?:escapeHtml|isRecord|isObject|isPlainObject|sameSecret)\b|const\s+(?:escapeHtml|isRecord|isObject|isPlainObject|sameSecret)\s*=)/;
const handRolledEviction = /\.(?:keys|values)\(\)\.next\(\)\.value/;
const publishCatch = /\.publish\([^;]*\)\s*\.catch\(/s;
const legacyTokens = /\b(?:InstanceTokens|CoreTokens|AdapterTokens)\b/;
const coreImport = /from '(@switchboard\/core[^']*)'/g;

/**
 * Checks that the adapter in `dir` follows the one layout by role: the files of its kind, none of the
 * retired ones, imports only through `@switchboard/core`, an emulator that starts and closes, a manifest
 * the daemon accepts, README tables that cover its options and error codes.
 */
export async function checkAdapterLayout(dir: string, options: LayoutOptions): Promise<LayoutResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  const has = (path: string) => existsSync(join(dir, path));
  const src = filesUnder(dir, 'src').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const text = (path: string) => readFileSync(join(dir, path), 'utf8');
  const pkg = JSON.parse(text('package.json')) as {
    exports?: Record<string, unknown>;
    peerDependencies?: Record<string, string>;
  };
  const entry = join(dir, 'dist', 'index.js');
  const module = (await import(pathToFileURL(entry).href)) as { default?: unknown };
  let manifest: AdapterManifest | undefined;
  try {
    manifest = validateManifest(module.default, dir);
  } catch (error) {
    problems.push(`the built manifest is refused: ${(error as Error).message}`);
  }

  // 1. The files of its kind.
  const required = ['src/index.ts', 'src/manifest.ts', 'src/options.ts', 'src/errors.ts'];
  required.push(`src/${options.vendor}Runtime.ts`, 'src/mapping/mapVendorEvent.ts');
  if (manifest && Object.keys(manifest.actions).length > 0) required.push('src/actionSpecs.ts');
  if (manifest?.emits.vendorEvents) required.push('src/vendorEvents.ts');
  if (options.kind !== 'server' && options.kind !== 'generator') required.push('src/testing/index.ts');
  required.push('test/fixtures');
  for (const path of required) if (!has(path)) problems.push(`missing ${path}`);
  const transport = src.filter((f) => f.startsWith('src/transport/'));
  const role = { client: 'Connection', bridge: 'Bridge', server: 'Routes', generator: undefined }[
    options.kind
  ];
  if (options.kind !== 'generator') {
    if (!transport.some((f) => f.endsWith('Inbound.ts')))
      problems.push('missing src/transport/**/*Inbound.ts');
    if (role && !transport.some((f) => f.endsWith(`${role}.ts`)))
      problems.push(`missing src/transport/**/*${role}.ts`);
  }

  // 2. None of the retired names and copies.
  for (const file of src) {
    const name = file.split('/').at(-1) as string;
    if (
      /ContainerModule\.ts$|Tokens\.ts$/.test(name) ||
      ['manifestActions.ts', 'manifestEvents.ts'].includes(name)
    )
      problems.push(`${file}: a retired file (the manifest's runtime/executors/services replace it)`);
    if (/^src\/(?:sapi|maestro|protocol|http)\//.test(file))
      problems.push(`${file}: sources live under src/transport/<source>/, not at src/ top level`);
    if (file.startsWith('src/bridge/')) continue;
    const code = text(file);
    if (localUtility.test(code)) problems.push(`${file}: a local escapeHtml/isRecord/sameSecret: use core's`);
    if (handRolledEviction.test(code)) problems.push(`${file}: a hand-rolled bounded map: use lru-cache`);
    if (publishCatch.test(code)) problems.push(`${file}: publish(…).catch: core logs failures of publish`);
  }

  // 3. src/ (outside testing/ and bridge/) imports only the author API, and no legacy tokens.
  for (const file of src.filter((f) => !/^src\/(?:testing|bridge)\//.test(f))) {
    const code = text(file);
    for (const [, specifier] of code.matchAll(coreImport))
      if (specifier !== '@switchboard/core')
        problems.push(`${file}: imports ${specifier} (only @switchboard/core)`);
    if (legacyTokens.test(code)) problems.push(`${file}: legacy DI tokens: use AdapterContext`);
  }

  // 4. The emulator stands alone and has the one lifecycle.
  for (const file of src.filter((f) => f.startsWith('src/testing/'))) {
    for (const [, specifier] of text(file).matchAll(/from '(\.\.\/[^']*)'/g)) {
      const target = join(file, '..', specifier as string);
      if (!target.startsWith('src/testing/'))
        problems.push(`${file}: the emulator imports the adapter (${specifier})`);
    }
  }
  if (has('src/testing/index.ts')) {
    const testing = (await import(pathToFileURL(join(dir, 'dist', 'testing', 'index.js')).href)) as {
      emulators?: Record<
        string,
        { start(options?: object): Promise<{ url: string; close(): Promise<void> }> }
      >;
    };
    if (!testing.emulators || Object.keys(testing.emulators).length === 0)
      problems.push('src/testing/index.ts exports no `emulators`');
    for (const [name, emulator] of Object.entries(testing.emulators ?? {})) {
      try {
        const running = await emulator.start({ port: 0 });
        if (!/^https?:\/\/[^/]+:\d+/.test(running.url)) problems.push(`emulator ${name}: url ${running.url}`);
        new URL(running.url);
        await running.close();
        await running.close();
      } catch (error) {
        problems.push(
          `emulator ${name} does not start on port 0 and close twice: ${(error as Error).message}`,
        );
      }
    }
  }

  // 5. The README covers the options and the error codes; each code is raised in src/.
  const readme = text('README.md');
  const rows = tableNames(readme);
  if (manifest) {
    for (const option of optionNames(manifest.optionsSchema))
      if (!rows.has(option)) problems.push(`README: no row for option ${option}`);
    const codes = Object.keys(manifest.errors?.codes ?? {});
    if (codes.length === 0) problems.push('src/errors.ts: the manifest declares no `errors`');
    for (const code of codes) {
      if (!rows.has(code)) problems.push(`README: no row for error ${code}`);
      const raised = src.some((f) => f !== 'src/errors.ts' && new RegExp(`'${code}'`).test(text(f)));
      if (!raised) problems.push(`${code} is never raised in src/`);
    }
  }

  // 6. The package: its entry points, core as a peer.
  const kindsWithEmulator: readonly AdapterKind[] = ['client', 'bridge'];
  if (!pkg.exports?.['.']) problems.push('package.json: no `exports["."]`');
  if (kindsWithEmulator.includes(options.kind) && !pkg.exports?.['./testing'])
    problems.push('package.json: no `exports["./testing"]`');
  if (!pkg.peerDependencies?.['@switchboard/core'])
    problems.push('package.json: @switchboard/core is no peer dependency');

  // 7. Long files, reported.
  for (const file of src) {
    const lines = text(file).split('\n').length;
    if (lines > 250) notes.push(`${relative(dir, join(dir, file))}: ${lines} lines`);
  }
  return { problems, notes };
}
