import { defineConfig } from 'vitest/config';

/** `pnpm test:e2e`: the review page in Chromium (test/e2e). Separate from `pnpm test`: it needs a system Chromium. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    setupFiles: ['test/support/network-guard.ts'],
  },
});
