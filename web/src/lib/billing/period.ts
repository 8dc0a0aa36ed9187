// The billing period the screens show, and the sentence refusing a post before the posting
// window opens. The window itself is a billing rule: shared/posting/post.ts
// (docs/billing-rules.md#posting).
import { addMonths, periodOf } from '../../../../shared/dates/period.ts';
import { mayPost, postingOpensOn } from '../../../../shared/posting/post.ts';
import { appToday } from '../app/clock.ts';
import { dayLabel, periodLabel } from './format.ts';

/** The period containing today. */
export function currentPeriod(now = appToday()): string {
  return periodOf(now);
}

/** The periods a picker offers: the 24 months up to next month, newest first. */
export function recentPeriods(now = appToday()): string[] {
  const next = addMonths(periodOf(now), 1);
  return Array.from({ length: 25 }, (_, i) => addMonths(next, -i));
}

/** Null when the period may be posted as of asOf, else the sentence saying why not. */
export function postingRefusal(period: string, asOf = appToday()): string | null {
  if (mayPost(period, asOf)) return null;
  return `${periodLabel(period)} has not ended yet: its invoices can be approved and posted from ${dayLabel(postingOpensOn(period))}, when every day of the month is known.`;
}
