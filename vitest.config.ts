import { defineConfig } from 'vitest/config';

// One vitest run covers every kind of test; each project is one environment.
export default defineConfig({
  test: {
    // CI also keeps a machine-readable summary (.ci/run prints its totals).
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test/artifacts/vitest.json' }]] : ['default'],
    projects: [
      'test/worker/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/cli/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'web',
          include: ['test/web/**/*.test.ts'],
          environment: 'node',
          // svelte-kit sync first, so a fresh clone runs the project as is
          globalSetup: ['test/web/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          // the built SPA in Chromium against a running local edge (test/e2e/global-setup.ts builds it)
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
