import { formatQuantity, quantityUnits } from '../money/scaled.ts';
import type { DailyQuantity } from '../schema/invoice.ts';
import type { RawQuantity } from './store.ts';
import type { ModuleDays } from './module-days.ts';

/** One number summed into a day: which org and billing type, and its quantity (10^-4 units). */
export interface UsagePart {
  orgId: string;
  orgName: string;
  billingType: string;
  units: bigint;
}

/** One day of a summed series with where it came from: the upload day read, carried or projected. */
export interface UsageDay {
  date: string;
  sourceDate: string | null;
  carried: boolean;
  estimated: boolean;
  units: bigint;
  parts: UsagePart[];
}

/**
 * The daily sum over orgIds × billingTypes of one module, exactly (BigInt) and with its
 * sources. The fast path (readSeries) serves the engine; this one serves drill-downs,
 * single series and sums too large for exact JS numbers.
 */
export function exactUsage(days: ModuleDays, orgIds: readonly string[], billingTypes: readonly string[]): UsageDay[] {
  const usage = days.usage;
  const orgIndexes = orgIds.map((orgId) => usage?.orgIndex.get(orgId) ?? -1);
  const typeIndexes = billingTypes.map((type) => usage?.typeIndex.get(type) ?? -1);
  return days.days.map((date, i) => {
    const upload = days.source[i];
    const parts: UsagePart[] = [];
    let units = 0n;
    if (upload && usage) {
      const state = usage.stateAt(upload.index);
      orgIds.forEach((orgId, n) => {
        const o = orgIndexes[n] as number;
        const name = o < 0 ? -1 : (state.present[o] as number);
        const orgName = name < 0 ? '' : (usage.names[name] as string);
        billingTypes.forEach((billingType, m) => {
          const t = typeIndexes[m] as number;
          let value = 0n;
          if (o >= 0 && t >= 0) {
            const k = o * state.stride + t;
            const cell = state.values[k] as number;
            value = Number.isNaN(cell) ? quantityUnits(state.raws.get(k) as RawQuantity) : BigInt(cell);
          }
          units += value;
          parts.push({ orgId, orgName, billingType, units: value });
        });
      });
    }
    return { date, sourceDate: upload?.date ?? null, carried: days.carried[i] ?? false, estimated: days.estimated[i] ?? false, units, parts };
  });
}

/** The day list as stored on invoice lines (quantities as 4-decimal strings). */
export function toDailyQuantities(usage: readonly UsageDay[]): DailyQuantity[] {
  return usage.map((day) => ({ date: day.date, quantity: formatQuantity(day.units), carried: day.carried, estimated: day.estimated }));
}
