import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in real Chromium. One file at a time (each launches a
// browser; the machine has two cores), generous timeouts, no DOM emulation.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
