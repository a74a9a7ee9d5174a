/** The version of `@switchboard/core`, checked against each adapter's `core` range (kept equal to package.json by a test). */
export const coreVersion = '1.0.0';
