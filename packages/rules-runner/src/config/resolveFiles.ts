import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';

export interface ResolvedFile {
  readonly path: string;
  /** Path as shown in messages: relative to the working directory. */
  readonly display: string;
}

export interface ResolvedFiles {
  /** Every file the entries match, each once, in a stable order. */
  readonly files: ResolvedFile[];
  /** Entries that match no file (a glob without matches, a path that does not exist), by index. */
  readonly unmatched: { readonly entry: string; readonly index: number }[];
}

const isGlob = (entry: string): boolean => /[*?[\]{}]/.test(entry);

/** Expands rule/test file entries (paths or globs, relative to `baseDir`) into files. */
export async function resolveFiles(
  entries: string | readonly string[],
  baseDir: string,
): Promise<ResolvedFiles> {
  const list = typeof entries === 'string' ? [entries] : entries;
  const files: ResolvedFile[] = [];
  const unmatched: { entry: string; index: number }[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of list.entries()) {
    const paths = isGlob(entry)
      ? (await glob(entry, { cwd: baseDir, absolute: true, onlyFiles: true })).sort()
      : await existing(resolve(baseDir, entry));
    if (paths.length === 0) unmatched.push({ entry, index });
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      files.push({ path, display: relative(process.cwd(), path) || path });
    }
  }
  return { files, unmatched };
}

/** A plain path unless it is not there; other problems (a folder, no access) the loader reports. */
async function existing(path: string): Promise<string[]> {
  try {
    await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
  }
  return [path];
}

/** What an entry that matches nothing is called in messages. */
export function describeUnmatched(entry: string): string {
  return isGlob(entry) ? `\`${entry}\` matches no file` : `\`${entry}\` does not exist`;
}
