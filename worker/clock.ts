import type { Env } from './env.ts';

/**
 * The edge's clock: every route that needs "now" or "today" (upload date limits, change
 * clocks, share expiry, token and module timestamps, health) reads it here and nowhere
 * else, so tests can pin the edge's day (see docs/testing-dates.md).
 *
 * A dev/test-only shift: `TRUEUP_DEV_CLOCK_OFFSET_MS` moves the clock by that many
 * milliseconds, and only when `TRUEUP_DEV` is "1" too. Only scripts/edge/dev.ts (wrangler
 * dev) and the worker test config set them; wrangler.toml does not, so a deployed
 * worker runs on the real clock.
 */
export function edgeNow(env: Env): number {
  return Date.now() + devOffset(env);
}

/** The edge's today (UTC), YYYY-MM-DD. */
export function edgeToday(env: Env): string {
  return new Date(edgeNow(env)).toISOString().slice(0, 10);
}

function devOffset(env: Env): number {
  if (env.TRUEUP_DEV !== '1' || env.TRUEUP_DEV_CLOCK_OFFSET_MS === undefined) return 0;
  const offset = Number(env.TRUEUP_DEV_CLOCK_OFFSET_MS);
  return Number.isSafeInteger(offset) ? offset : 0;
}
