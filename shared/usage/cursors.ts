import { periodLength } from '../dates/period.ts';
import { moduleDays } from './module-days.ts';
import type { UploadIndex } from './upload-index.ts';

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

  private readonly index: UploadIndex;
  private readonly asOf: string;

  constructor(index: UploadIndex, asOf: string) {
    this.index = index;
    this.asOf = asOf;
  }

  /** Whether any module-day of period reads an upload newer than cursor: most posted invoices are skipped whole on this. */
  periodChangedAfter(period: string, cursor: number): boolean {
    let max = this.byPeriod.get(period);
    if (max === undefined) {
      max = 0;
      for (const module of this.index.keys()) max = Math.max(max, this.days(module, period).max);
      this.byPeriod.set(period, max);
    }
    return max > cursor;
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
