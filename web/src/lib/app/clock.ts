// The app's clock: the one place the SPA reads "now" and "today". Screens, posting, the
// sync clock and the engine worker (which gets today with every call) all take it from
// here, so the date the admin sees is the date the engine bills on, and end-to-end tests
// pin it for the whole app with Playwright's clock (see docs/testing-dates.md).
import { today, type IsoDay } from '../../../../shared/dates/day.ts';

// A Web Worker's own clock is not the page's (tests pin the page's with Playwright, which
// does not reach workers): a worker that stamps clocks (the sync's) follows the page's,
// which it is sent with every call.
let offsetMs = 0;

/** In a worker: read now as the page does, given the page's now at the moment of the call. */
export function followPageClock(pageNow: number): void {
  offsetMs = pageNow - Date.now();
}

/** Milliseconds since the epoch, now. */
export function appNow(): number {
  return Date.now() + offsetMs;
}

/** Now as an ISO timestamp (posting, voiding and sharing record it). */
export function appNowIso(): string {
  return new Date(appNow()).toISOString();
}

/** Today in the admin's calendar. */
export function appToday(): IsoDay {
  return today(new Date(appNow()));
}
