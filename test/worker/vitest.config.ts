// Worker tests run inside the Workers runtime (workerd) against a real local D1 with
// the very migrations wrangler applies.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export default defineConfig(async () => {
  // wrangler.toml serves the SPA from web/build, which exists only once the SPA is built.
  mkdirSync(`${ROOT}web/build`, { recursive: true });
  const migrations = await readD1Migrations(`${ROOT}worker/migrations`);
  return {
    root: ROOT,
    plugins: [
      cloudflareTest({
        wrangler: { configPath: `${ROOT}wrangler.toml` },
        // the edge's dev clock (worker/clock.ts): npm run test:dates shifts it to the pinned day
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, TRUEUP_DEV: '1', TRUEUP_DEV_CLOCK_OFFSET_MS: process.env.TRUEUP_EDGE_CLOCK_OFFSET_MS ?? '0' } },
      }),
    ],
    test: {
      name: 'worker',
      include: ['test/worker/**/*.test.ts'],
      setupFiles: ['test/worker/setup/migrate.ts'],
    },
  };
});
