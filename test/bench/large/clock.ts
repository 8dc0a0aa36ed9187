// The large bench's one clock: the day it runs on ("today"), pinned. The edge is shifted to
// it (worker/clock.ts dev offset) and the browser's clock installed at it, so a cached load
// made on an earlier day is measured as of the day it was made (docs/testing-dates.md).
import { isIsoDay, today as machineToday } from '../../../shared/dates/index.ts';

/** Noon UTC of the day: the pinned now the edge and the browser start from. */
export function noonUtc(day: string): number {
  return Date.parse(`${day}T12:00:00.000Z`);
}

/** The bench's today: --today, else TRUEUP_BENCH_TODAY, else the cached load's day, else the machine's today (read once). */
export function benchToday(option: string | undefined, cached: string | undefined): string {
  const chosen = option ?? process.env.TRUEUP_BENCH_TODAY ?? cached ?? machineToday(new Date());
  if (!isIsoDay(chosen)) throw new Error(`the bench's today must be a day written YYYY-MM-DD, got "${chosen}"`);
  return chosen;
}

/** Milliseconds to add to the real clock to be at noon of the day plus the time since `startedAt`. */
export function offsetTo(day: string, startedAt: number = Date.now()): number {
  return noonUtc(day) - startedAt;
}
