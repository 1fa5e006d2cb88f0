import { defineConfig } from 'vitest/config';

// One vitest run for the whole workspace: cheaper than one process per package.
// Packages are tested through their built dist (the setup step builds them first).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/tests/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
