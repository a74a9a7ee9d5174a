import { fileURLToPath } from 'node:url';

/** This package's folder: the daemon loads the adapter from here (its built `dist`). */
export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
