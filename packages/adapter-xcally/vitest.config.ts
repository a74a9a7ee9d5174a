import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // Hooks start daemons and emulators. Longer than spawnDaemon's own ready timeout (20 s) plus the
    // first connection, so on a loaded machine a slow start fails inside the hook (and kills the
    // daemon it spawned) instead of the hook being abandoned while the daemon still starts.
    hookTimeout: 45_000,
  },
});
