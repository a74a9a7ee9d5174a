import { fileURLToPath } from 'node:url';

/** The monorepo's root folder: the set-up files under test (package.json, scripts/, deploy/) live there. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');
