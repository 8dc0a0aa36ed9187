import { formatQuantity, quantityUnits } from '../money/scaled.ts';
import type { DailyQuantity } from '../schema/invoice.ts';
import type { Upload, UploadOrg } from '../schema/upload.ts';
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
  const rowsByUpload = new Map<Upload, Map<string, UploadOrg>>();
  const rowsOf = (upload: Upload) => {
    let rows = rowsByUpload.get(upload);
    if (!rows) {
      rows = new Map(upload.orgs.map((row) => [row.orgId, row]));
      rowsByUpload.set(upload, rows);
    }
    return rows;
  };
  return days.days.map((date, i) => {
    const upload = days.source[i];
    const parts: UsagePart[] = [];
    let units = 0n;
    if (upload) {
      const rows = rowsOf(upload);
      for (const orgId of orgIds) {
        const row = rows.get(orgId);
        for (const billingType of billingTypes) {
          const raw = row?.metrics[billingType];
          const value = raw === undefined ? 0n : quantityUnits(raw);
          units += value;
          parts.push({ orgId, orgName: row?.name ?? '', billingType, units: value });
        }
      }
    }
    return { date, sourceDate: upload?.date ?? null, carried: days.carried[i] ?? false, estimated: days.estimated[i] ?? false, units, parts };
  });
}

/** The day list as stored on invoice lines (quantities as 4-decimal strings). */
export function toDailyQuantities(usage: readonly UsageDay[]): DailyQuantity[] {
  return usage.map((day) => ({ date: day.date, quantity: formatQuantity(day.units), carried: day.carried, estimated: day.estimated }));
}
