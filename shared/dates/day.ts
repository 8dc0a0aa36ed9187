// Days are ISO strings in the tenant's calendar; arithmetic goes through a day
// number (days since 1970-01-01, proleptic Gregorian) so no time zone is involved.

export type IsoDay = string;
export type Period = string;

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const PERIOD_PATTERN = /^\d{4}-\d{2}$/;

/** True for a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in month (1-12) of year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when text is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(text: string): boolean {
  if (!DAY_PATTERN.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True when text is a month written YYYY-MM. */
export function isPeriod(text: string): boolean {
  if (!PERIOD_PATTERN.test(text)) return false;
  const m = Number(text.slice(5, 7));
  return m >= 1 && m <= 12;
}

/** Day number (days since 1970-01-01) of an ISO day. */
export function dayNumber(day: IsoDay): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  // Days-from-civil (H. Hinnant): exact integer arithmetic for any Gregorian date.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO day of a day number. */
export function dayFromNumber(n: number): IsoDay {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The day n days after (or before, for negative n) day. */
export function addDays(day: IsoDay, n: number): IsoDay {
  return dayFromNumber(dayNumber(day) + n);
}

/** Today's ISO day in the local calendar of the machine running the code. */
export function today(now: Date = new Date()): IsoDay {
  const y = now.getFullYear();
  return `${String(y).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
