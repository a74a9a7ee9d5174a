import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // the daemon and the CLI load the plugin from dist/, by package name
    globalSetup: ['test/support/checkBuilt.ts'],
    testTimeout: 20_000,
  },
});
