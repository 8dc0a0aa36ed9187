import type { Env } from './env.ts';

/**
 * The edge's clock: every route that needs "now" or "today" (upload date limits, change
 * clocks, share expiry, connector runs) reads it here and nowhere else, so tests can pin
 * the edge's day (see docs/testing-dates.md).
 */
export function edgeNow(_env: Env): number {
  return Date.now();
}

/** The edge's today (UTC), YYYY-MM-DD. */
export function edgeToday(env: Env): string {
  return new Date(edgeNow(env)).toISOString().slice(0, 10);
}
