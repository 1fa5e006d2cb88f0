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
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
