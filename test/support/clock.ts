// The day an end-to-end run happens on, read once from the test runner's clock: the
// machine's today, or the pinned day under `npm run test:dates` (docs/testing-dates.md).
// The demo is built relative to it, the browser's clock is pinned to it, and the local
// edge is on the same day, so a run means the same thing on any date.
import type { BrowserContext } from 'playwright-core';
import { today } from '../../shared/dates/day.ts';

/** The run's "now" (ms), fixed when the run starts. */
export const RUN_NOW = Date.now();

/** The run's today, YYYY-MM-DD. */
export const RUN_TODAY = today(new Date(RUN_NOW));

/** Noon of a day in this machine's calendar (the app reads the local calendar). */
export function noonOf(day: string): number {
  return new Date(`${day}T12:00:00`).getTime();
}

/**
 * Installs Playwright's clock in a browser context at `at` (default: the test runner's
 * now); time then flows from there, and a test may move it with context.clock.setSystemTime.
 */
export async function pinBrowserClock(context: BrowserContext, at = Date.now()): Promise<void> {
  await context.clock.install({ time: at });
}
