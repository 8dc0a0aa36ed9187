// Worker tests run inside the Workers runtime (workerd) against a real local D1 with
// the very migrations wrangler applies.
import { randomBytes } from 'node:crypto';
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
        // the edge's dev clock (worker/clock.ts): npm run test:dates shifts it to the pinned day;
        // connector tests read fake vendors on 127.0.0.1 (test/worker/setup/fake-vendors.ts)
        // with credentials sealed under a key made for this run.
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, TRUEUP_DEV: '1', TRUEUP_DEV_CLOCK_OFFSET_MS: process.env.TRUEUP_EDGE_CLOCK_OFFSET_MS ?? '0', CONNECTOR_KEY: randomBytes(32).toString('base64'), CONNECTOR_ALLOW_HOSTS: '127.0.0.1' } },
      }),
    ],
    test: {
      name: 'worker',
      include: ['test/worker/**/*.test.ts'],
      setupFiles: ['test/worker/setup/migrate.ts'],
      globalSetup: ['test/worker/setup/fake-vendors.ts'],
    },
  };
});
