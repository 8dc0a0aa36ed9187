const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2026" for "2026-11". */
export function periodLabel(period: string): string {
  const month = MONTHS[Number(period.slice(5, 7)) - 1] ?? period.slice(5, 7);
  return `${month} ${period.slice(0, 4)}`;
}

/** "30 Nov 2026" for "2026-11-30". */
export function dayLabel(day: string): string {
  const month = (MONTHS[Number(day.slice(5, 7)) - 1] ?? '').slice(0, 3);
  return `${Number(day.slice(8, 10))} ${month} ${day.slice(0, 4)}`;
}
