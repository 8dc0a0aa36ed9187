import type { Upload } from '../schema/upload.ts';

/** The uploads of one module: the authoritative upload per day, and its days in order. */
export interface ModuleUploads {
  byDay: Map<string, Upload>;
  days: string[];
}

/** Uploads by module then day, built once per computation. */
export type UploadIndex = Map<string, ModuleUploads>;

/** Indexes uploads by module and day; a later upload of the same module-day replaces an earlier one whole (docs/billing-rules.md#usage-series). */
export function indexUploads(uploads: readonly Upload[]): UploadIndex {
  const index: UploadIndex = new Map();
  for (const upload of uploads) {
    let entry = index.get(upload.module);
    if (!entry) {
      entry = { byDay: new Map(), days: [] };
      index.set(upload.module, entry);
    }
    entry.byDay.set(upload.date, upload);
  }
  for (const entry of index.values()) entry.days = [...entry.byDay.keys()].sort();
  return index;
}

/** The latest day of days (sorted) that is strictly before day, or undefined. */
export function latestDayBefore(days: readonly string[], day: string): string | undefined {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((days[mid] as string) < day) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? days[low - 1] : undefined;
}
