import { relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';

export interface ResolvedFile {
  readonly path: string;
  /** Path as shown in messages: relative to the working directory. */
  readonly display: string;
}

/**
 * Expands rule/test file entries (paths or globs, relative to `baseDir`) into files, in a stable order.
 * A plain path that does not exist is kept, so the loader reports it as missing.
 */
export async function resolveFiles(
  entries: string | readonly string[],
  baseDir: string,
): Promise<ResolvedFile[]> {
  const list = typeof entries === 'string' ? [entries] : entries;
  const out: ResolvedFile[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    const isGlob = /[*?[\]{}]/.test(entry);
    const paths = isGlob
      ? (await glob(entry, { cwd: baseDir, absolute: true, onlyFiles: true })).sort()
      : [resolve(baseDir, entry)];
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      out.push({ path, display: relative(process.cwd(), path) || path });
    }
  }
  return out;
}
