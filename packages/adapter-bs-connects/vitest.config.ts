import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // The browser tests' setup starts the real daemon, the emulator and Chromium: on a loaded 2-core
    // machine that alone took up to 30 s (measured), so the bound is twice that.
    hookTimeout: 60_000,
  },
});
