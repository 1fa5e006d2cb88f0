import { defineConfig } from 'vitest/config';

// One vitest run for the whole workspace: cheaper than one process per package.
// Packages are tested through their built dist (the setup step builds them first).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/tests/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Git lookups never climb out of a test's own temp root (see scripts/test-setup.ts).
    setupFiles: ['./scripts/test-setup.ts'],
    // One hermetic HOME for the run, removed at its end (see scripts/test-home.ts).
    globalSetup: ['./scripts/test-home.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Off for ad-hoc runs; `npm test` (and so CI) turns it on, and the summary reporter then
    // holds every package to its floor in scripts/coverage-floors.json.
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.d.ts'],
      reporter: [],
      reportsDirectory: 'coverage',
    },
  },
});
