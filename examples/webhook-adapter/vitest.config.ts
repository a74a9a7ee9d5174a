import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // the daemon and the CLI load the plugin from dist/, by package name
    globalSetup: ['test/support/checkBuilt.ts'],
    testTimeout: 20_000,
    // Hooks start real daemons: longer than spawnDaemon's own 20 s ready timeout, so a daemon that does not
    // come up fails with its output rather than a bare hook timeout (a loaded CI machine takes 10 s+).
    hookTimeout: 30_000,
  },
});
