import type { UsageSummary } from './modes.ts';

/**
 * Sums an item's columns (indexes columns[from..to) of values, D = length days each) over
 * its active days [first, last] into usage; with keepDays, the summed daily quantities are
 * left in scratch (length ≥ D) as well. False when the total would pass 2^53: partial sums of non-negative
 * integers below an exact total are exact too, so a safe total means every day is exact.
 */
export function summarize(values: Float64Array, length: number, columns: readonly number[], from: number, to: number, first: number, last: number, usage: UsageSummary, scratch: Float64Array, keepDays: boolean): boolean {
  const activeDays = first <= last ? last - first + 1 : 0;
  usage.activeDays = activeDays;
  usage.periodDays = length;
  usage.sum = usage.lastDay = usage.peak = 0;
  if (keepDays) scratch.fill(0);
  if (activeDays === 0) return true;
  let sum = 0;
  let peak = 0;
  if (to - from === 1 && !keepDays) {
    // One org and one billing type, the common case: read the column in place.
    const base = (columns[from] as number) * length;
    for (let i = base + first; i <= base + last; i++) {
      const q = values[i] as number;
      sum += q;
      if (q > peak) peak = q;
    }
    usage.lastDay = values[base + last] as number;
  } else {
    const days = scratch;
    if (!keepDays) days.fill(0);
    for (let c = from; c < to; c++) {
      const base = (columns[c] as number) * length;
      for (let i = first; i <= last; i++) days[i] = (days[i] as number) + (values[base + i] as number);
    }
    for (let i = first; i <= last; i++) {
      const q = days[i] as number;
      sum += q;
      if (q > peak) peak = q;
    }
    usage.lastDay = days[last] as number;
  }
  usage.sum = sum;
  usage.peak = peak;
  return sum <= Number.MAX_SAFE_INTEGER;
}
