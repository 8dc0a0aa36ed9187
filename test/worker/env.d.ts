// The bindings the tests see: the worker's (worker/env.ts) plus the migrations that
// test/worker/vitest.config.ts reads for the setup file.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    CORS_ORIGINS?: string;
    TRUEUP_DEV?: string;
    TRUEUP_DEV_CLOCK_OFFSET_MS?: string;
    CONNECTOR_KEY?: string;
    CONNECTOR_ALLOW_HOSTS?: string;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
