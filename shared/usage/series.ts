import type { Upload } from '../schema/upload.ts';
import type { ModuleDays } from './module-days.ts';
import { unitsOf } from './quantity.ts';

/** The billing types read for one org and the column of each. */
export interface OrgColumns {
  types: string[];
  columns: number[];
}

/**
 * Daily quantities (10^-4 units) of one module's wanted (org, billing type) pairs for a
 * period, in one flat array: the pair's column c holds days [c × D, c × D + D).
 */
export interface ModuleSeries {
  length: number;
  values: Float64Array;
  orgs: Map<string, OrgColumns>;
}

/** The column of (org, billing type), or -1 when it was not read. */
export function columnOf(series: ModuleSeries, orgId: string, billingType: string): number {
  const org = series.orgs.get(orgId);
  if (org === undefined) return -1;
  const k = org.types.indexOf(billingType);
  return k < 0 ? -1 : (org.columns[k] as number);
}

/**
 * Reads the daily series of the wanted (org, billing types) of one module in a single
 * pass over the distinct uploads the period reads: every org row is visited once and a
 * value read from a carried upload is copied to every day it covers. An org or type
 * absent from a day's source upload stays 0 (the upload is authoritative).
 */
export function readSeries(days: ModuleDays, wanted: ReadonlyMap<string, readonly string[]>): ModuleSeries {
  const length = days.days.length;
  const orgs = new Map<string, OrgColumns>();
  let count = 0;
  for (const [orgId, types] of wanted) {
    const entry: OrgColumns = { types: [], columns: [] };
    for (const type of types) {
      if (entry.types.includes(type)) continue;
      entry.types.push(type);
      entry.columns.push(count++);
    }
    orgs.set(orgId, entry);
  }
  const values = new Float64Array(count * length);
  for (const [upload, dayIndexes] of coveredDays(days)) {
    const single = dayIndexes.length === 1 ? (dayIndexes[0] as number) : -1;
    for (const row of upload.orgs) {
      const entry = orgs.get(row.orgId);
      if (entry === undefined) continue;
      const metrics = row.metrics;
      const types = entry.types;
      for (let k = 0; k < types.length; k++) {
        const raw = metrics[types[k] as string];
        if (raw === undefined) continue;
        // Numbers below 1e11 take the exact fast path inline; the rest go through unitsOf.
        const units = typeof raw === 'number' && raw >= 0 && raw < 1e11 ? Math.round(raw * 10_000) : unitsOf(raw);
        const base = (entry.columns[k] as number) * length;
        if (single >= 0) values[base + single] = units;
        else for (let j = 0; j < dayIndexes.length; j++) values[base + (dayIndexes[j] as number)] = units;
      }
    }
  }
  return { length, values, orgs };
}

/** Each distinct source upload with the day indexes it supplies. */
export function coveredDays(days: ModuleDays): Map<Upload, number[]> {
  const covered = new Map<Upload, number[]>();
  days.source.forEach((upload, i) => {
    if (!upload) return;
    const list = covered.get(upload);
    if (list) list.push(i);
    else covered.set(upload, [i]);
  });
  return covered;
}
