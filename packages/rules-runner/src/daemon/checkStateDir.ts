import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Makes sure the state folder exists and takes files, before any adapter starts: a folder that cannot
 * be used is reported once, clearly, instead of failing inside an adapter. Each missing level is made
 * on its own, not with `mkdir -p`: Node's recursive mkdir never returns for a path under /proc.
 */
export async function checkStateDir(dir: string): Promise<void> {
  await makeDir(dir);
  const probe = join(dir, `.write-check-${process.pid}`);
  await writeFile(probe, '');
  await rm(probe, { force: true });
}

async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeDir(parent);
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}
