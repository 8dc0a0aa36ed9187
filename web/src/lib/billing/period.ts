// The billing period the screens show, and whether it may be posted yet (SPEC §6: once
// the engine's today is on or after the period's last day).
import { addMonths, periodEnd, periodOf } from '../../../../shared/dates/period.ts';
import { today } from '../../../../shared/dates/day.ts';
import { dayLabel, periodLabel } from './format.ts';

/** The period containing today. */
export function currentPeriod(now = today()): string {
  return periodOf(now);
}

/** The periods a picker offers: the 24 months up to next month, newest first. */
export function recentPeriods(now = today()): string[] {
  const next = addMonths(periodOf(now), 1);
  return Array.from({ length: 25 }, (_, i) => addMonths(next, -i));
}

/** Null when the period may be posted as of asOf, else the sentence saying why not. */
export function postingRefusal(period: string, asOf = today()): string | null {
  const last = periodEnd(period);
  if (asOf >= last) return null;
  return `${periodLabel(period)} has not ended yet: its invoices can be approved and posted from ${dayLabel(last)}, when every day of the month is known.`;
}
