// The app's clock: the one place the SPA reads "now" and "today". Screens, posting, the
// sync clock and the engine worker (which gets today with every call) all take it from
// here, so the date the admin sees is the date the engine bills on, and end-to-end tests
// pin it for the whole app with Playwright's clock (see docs/testing-dates.md).
import { today, type IsoDay } from '../../../../shared/dates/day.ts';

/** Milliseconds since the epoch, now. */
export function appNow(): number {
  return Date.now();
}

/** Now as an ISO timestamp (posting, voiding and sharing record it). */
export function appNowIso(): string {
  return new Date(appNow()).toISOString();
}

/** Today in the admin's calendar. */
export function appToday(): IsoDay {
  return today(new Date(appNow()));
}
