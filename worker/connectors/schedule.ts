// The nightly run: a Cron Trigger shortly after midnight UTC stores, for every connected
// tenant, the UTC day that just ended. wrangler.toml's [triggers] crons holds the same
// time (test/worker/connectors-schedule.test.ts checks they agree).

/** Minutes after midnight UTC of the nightly run. */
export const NIGHTLY_MINUTE = 10;
export const NIGHTLY_CRON = `${NIGHTLY_MINUTE} 0 * * *`;

const DAY_MS = 86_400_000;

/** The first nightly run strictly after `now` (ms), as an ISO time. */
export function nextRunAt(now: number): string {
  const midnight = Math.floor(now / DAY_MS) * DAY_MS;
  const today = midnight + NIGHTLY_MINUTE * 60_000;
  return new Date(today > now ? today : today + DAY_MS).toISOString();
}
