import { periodDays } from '../dates/period.ts';
import type { Upload } from '../schema/upload.ts';
import { latestDayBefore, type ModuleUploads } from './upload-index.ts';

/**
 * Where each day of a period reads one module's quantities from (docs/billing-rules.md#usage-series): the day's own
 * upload, else the latest earlier one (carried), else nothing (0). Days after asOf never
 * read their own upload: they are projected from the last upload on or before asOf.
 */
export interface ModuleDays {
  days: string[];
  source: (Upload | undefined)[];
  carried: boolean[];
  estimated: boolean[];
}

/** Resolves the source upload of every day of period for one module, as of asOf. */
export function moduleDays(uploads: ModuleUploads | undefined, period: string, asOf: string): ModuleDays {
  const days = periodDays(period);
  const source: (Upload | undefined)[] = [];
  const carried: boolean[] = [];
  const estimated: boolean[] = [];
  let previous: Upload | undefined;
  if (uploads && days.length > 0) {
    const first = days[0] as string;
    const before = latestDayBefore(uploads.days, first <= asOf ? first : nextDay(asOf));
    if (before !== undefined) previous = uploads.byDay.get(before);
  }
  for (const day of days) {
    const future = day > asOf;
    const own = future ? undefined : uploads?.byDay.get(day);
    if (own) previous = own;
    source.push(previous);
    carried.push(!own && previous !== undefined);
    estimated.push(future);
  }
  return { days, source, carried, estimated };
}

// The smallest string greater than every upload day on or before asOf: latestDayBefore of
// it finds the last upload on or before asOf.
function nextDay(day: string): string {
  return day + '\u0000';
}
