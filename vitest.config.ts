import { defineConfig } from 'vitest/config';

// One vitest run covers every kind of test; each project is one environment.
export default defineConfig({
  test: {
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
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
