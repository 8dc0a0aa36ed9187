import { periodDays } from '../dates/period.ts';
import type { ModuleUsage } from './store.ts';

/** An upload day a period day reads: its index in the module's days, its date and cursor. */
export interface SourceDay {
  index: number;
  date: string;
  cursor: string | undefined;
}

/**
 * Where each day of a period reads one module's quantities from (docs/billing-rules.md#usage-series): the day's own
 * upload, else the latest earlier one (carried), else nothing (0). Days after asOf never
 * read their own upload: they are projected from the last upload on or before asOf.
 */
export interface ModuleDays {
  days: string[];
  source: (SourceDay | undefined)[];
  carried: boolean[];
  estimated: boolean[];
  usage: ModuleUsage | undefined;
}

/** Resolves the source upload day of every day of period for one module, as of asOf. */
export function moduleDays(usage: ModuleUsage | undefined, period: string, asOf: string): ModuleDays {
  const days = periodDays(period);
  const source: (SourceDay | undefined)[] = [];
  const carried: boolean[] = [];
  const estimated: boolean[] = [];
  let previous: SourceDay | undefined;
  // next: the index of the first upload day at or after the day being resolved.
  let next = 0;
  const sourceAt = (i: number): SourceDay => ({ index: i, date: (usage as ModuleUsage).days[i] as string, cursor: (usage as ModuleUsage).cursors[i] });
  if (usage && days.length > 0) {
    const first = days[0] as string;
    next = usage.firstAtOrAfter(first);
    // The last upload before the period (or, for a period after asOf, on or before asOf).
    const before = first <= asOf ? next - 1 : usage.firstAtOrAfter(asOf + '\u0000') - 1;
    if (before >= 0) previous = sourceAt(before);
  }
  const uploadDays = usage?.days ?? [];
  for (const day of days) {
    const future = day > asOf;
    while (next < uploadDays.length && (uploadDays[next] as string) < day) next++;
    const ownIndex = !future && next < uploadDays.length && uploadDays[next] === day ? next : -1;
    if (ownIndex >= 0) previous = sourceAt(ownIndex);
    source.push(previous);
    carried.push(ownIndex < 0 && previous !== undefined);
    estimated.push(future);
  }
  return { days, source, carried, estimated, usage };
}
