/** This package's version (the manifest's and the bridge's). */
export const packageVersion = '1.0.0';
