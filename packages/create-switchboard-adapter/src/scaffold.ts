import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterNames } from './adapterNames.js';
import { type Language, projectManifest } from './projectManifest.js';

export interface ScaffoldOptions {
  /** The folder to create (it must not exist, or be empty). */
  readonly directory: string;
  readonly names: AdapterNames;
  readonly language: Language;
  /** The Switchboard version the project builds on (this package's own). */
  readonly switchboardVersion: string;
}

const templates = fileURLToPath(new URL('../templates/', import.meta.url));

/** npm leaves `.gitignore` out of packages, so the template keeps it as `_gitignore`. */
const renamed: Readonly<Record<string, string>> = { _gitignore: '.gitignore' };

/** Writes a new adapter project; returns the files written, relative to `directory`, sorted. */
export async function scaffold(options: ScaffoldOptions): Promise<string[]> {
  await ensureEmpty(options.directory);
  const replace = substitutions(options);
  const written: string[] = [];
  for (const root of [join(templates, 'shared'), join(templates, options.language)]) {
    for (const file of await listFiles(root)) {
      const target = replace(relative(root, file))
        .split('/')
        .map((part) => renamed[part] ?? part)
        .join('/');
      await mkdir(dirname(join(options.directory, target)), { recursive: true });
      await writeFile(join(options.directory, target), replace(await readFile(file, 'utf8')));
      written.push(target);
    }
  }
  const manifest = projectManifest(options.names, options.language, options.switchboardVersion);
  await writeFile(join(options.directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  written.push('package.json');
  return written.sort();
}

function substitutions(options: ScaffoldOptions): (text: string) => string {
  const { names } = options;
  const values: Readonly<Record<string, string>> = {
    __vendorCamel__: names.camel,
    __Vendor__: names.pascal,
    __vendor__: names.name,
    __PREFIX__: names.errorPrefix,
    __package__: names.packageName,
    __coreRange__: `^${options.switchboardVersion}`,
    __ext__: options.language,
  };
  const pattern = new RegExp(Object.keys(values).join('|'), 'g');
  return (text) => text.replace(pattern, (token) => values[token] ?? token);
}

async function ensureEmpty(directory: string): Promise<void> {
  const exists = await stat(directory).then(
    (info) => info,
    () => undefined,
  );
  if (exists === undefined) return;
  if (!exists.isDirectory()) throw new Error(`${directory} exists and is not a folder`);
  if ((await readdir(directory)).length > 0)
    throw new Error(`${directory} is not empty: choose a new folder`);
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
