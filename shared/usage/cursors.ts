import { periodEnd, periodLength } from '../dates/period.ts';
import { moduleDays } from './module-days.ts';
import type { UploadIndex } from './upload-index.ts';
import type { ModuleUsage } from './store.ts';

// The index of the first of sorted days after day (or at or after it, when inclusive).
function firstAfter(days: readonly string[], day: string, inclusive = false): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const value = days[mid] as string;
    if (inclusive ? value < day : value <= day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A cursor (the edge's place of an upload in the pull order, a decimal integer string) as
 * a number to compare; missing or past 2^53 counts as newer than anything, so the items
 * that read it are recomputed (see docs/billing-rules.md#incremental-adjustments).
 */
export function cursorValue(text: string | null | undefined): number {
  if (text === null || text === undefined) return Number.POSITIVE_INFINITY;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
}

/**
 * Per module-day of a period, the cursor of the upload the day reads now (its own, or the
 * one it carries): which posted items can differ from what was posted is known from these
 * without recomputing them. Built lazily, once per (module, period).
 */
export class UsageChanges {
  private readonly byKey = new Map<string, { cursors: Float64Array; max: number }>();
  private readonly byPeriod = new Map<string, number>();
  private readonly byModule = new Map<string, Float64Array>();

  private readonly index: UploadIndex;
  private readonly asOf: string;

  constructor(index: UploadIndex, asOf: string) {
    this.index = index;
    this.asOf = asOf;
  }

  /**
   * Whether any module-day of period reads an upload newer than cursor: most posted
   * invoices are skipped whole on this. Per module, the uploads a period can read are a
   * run of its sorted days (the last one before the period, then the period's own up to
   * asOf), so no day of the period is resolved here; the run's first upload may not be
   * read at all, which can only ask for a recompute, never miss one.
   */
  periodChangedAfter(period: string, cursor: number): boolean {
    let max = this.byPeriod.get(period);
    if (max === undefined) {
      max = 0;
      const start = `${period}-01`;
      const last = periodEnd(period);
      const end = last < this.asOf ? last : this.asOf;
      for (const [module, uploads] of this.index.modules) {
        const cursors = this.cursorsOf(module, uploads);
        const hi = firstAfter(uploads.days, end) - 1;
        const lo = Math.min(Math.max(0, firstAfter(uploads.days, start, true) - 1), hi);
        for (let i = lo; i <= hi; i++) if ((cursors[i] as number) > max) max = cursors[i] as number;
      }
      this.byPeriod.set(period, max);
    }
    return max > cursor;
  }

  private cursorsOf(module: string, uploads: ModuleUsage): Float64Array {
    let cursors = this.byModule.get(module);
    if (cursors === undefined) {
      cursors = Float64Array.from(uploads.cursors, (cursor) => cursorValue(cursor));
      this.byModule.set(module, cursors);
    }
    return cursors;
  }

  /** Whether a day of period in [first, last] (0-based) reads an upload newer than cursor. */
  changedAfter(module: string, period: string, first: number, last: number, cursor: number): boolean {
    const days = this.days(module, period);
    if (!(days.max > cursor)) return false;
    for (let i = first; i <= last; i++) if ((days.cursors[i] as number) > cursor) return true;
    return false;
  }

  private days(module: string, period: string): { cursors: Float64Array; max: number } {
    const key = `${module}\u0000${period}`;
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      const uploads = this.index.get(module);
      const cursors = new Float64Array(periodLength(period));
      let max = 0;
      if (uploads) {
        const source = moduleDays(uploads, period, this.asOf).source;
        for (let i = 0; i < source.length; i++) {
          const upload = source[i];
          const value = upload === undefined ? 0 : cursorValue(upload.cursor);
          cursors[i] = value;
          if (value > max) max = value;
        }
      }
      entry = { cursors, max };
      this.byKey.set(key, entry);
    }
    return entry;
  }
}
