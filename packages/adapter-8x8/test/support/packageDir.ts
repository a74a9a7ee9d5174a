import { fileURLToPath } from 'node:url';

/** This package's folder: daemon configs `use:` it by path (its built `dist/` is what the daemon loads). */
export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
