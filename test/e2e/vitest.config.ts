import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian's Chromium against `wrangler dev` serving the built PWA.
// One file at a time: each test starts its own server and browser, and the machine has 2 cores.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
