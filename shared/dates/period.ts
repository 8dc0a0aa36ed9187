import { daysInMonth, type IsoDay, type Period } from './day.ts';

/** Number of days D of a YYYY-MM period. */
export function periodLength(period: Period): number {
  return daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)));
}

/** First day of a period. */
export function periodStart(period: Period): IsoDay {
  return `${period}-01`;
}

/** Last day of a period. */
export function periodEnd(period: Period): IsoDay {
  return `${period}-${String(periodLength(period)).padStart(2, '0')}`;
}

/** The period a day belongs to. */
export function periodOf(day: IsoDay): Period {
  return day.slice(0, 7);
}

/** The period n months after (negative: before) period. */
export function addMonths(period: Period, n: number): Period {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** Every day of a period, in order. */
export function periodDays(period: Period): IsoDay[] {
  const length = periodLength(period);
  const days: IsoDay[] = [];
  for (let d = 1; d <= length; d++) days.push(`${period}-${String(d).padStart(2, '0')}`);
  return days;
}

/** The days of period within [start, end] (end null: open), or [] when none. */
export function clipPeriod(period: Period, start: IsoDay, end: IsoDay | null): IsoDay[] {
  return periodDays(period).filter((day) => day >= start && (end === null || day <= end));
}
