import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `root`, relative and sorted. */
export async function scaffoldedFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}
