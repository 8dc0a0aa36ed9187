import type { Upload } from '../schema/upload.ts';
import type { ModuleDays } from './module-days.ts';
import { unitsOf } from './quantity.ts';

/** Daily quantities (10^-4 units, one slot per day of the period) of one org, by billing type. */
export type OrgSeries = Map<string, Float64Array>;

/**
 * Reads the daily series of the wanted (org, billing types) of one module in a single
 * pass over the distinct uploads the period reads: every org row is visited once and a
 * value read from a carried upload is copied to every day it covers. An org or type
 * absent from a day's source upload stays 0 (the upload is authoritative).
 */
export function readSeries(days: ModuleDays, wanted: ReadonlyMap<string, readonly string[]>): Map<string, OrgSeries> {
  const length = days.days.length;
  const result = new Map<string, OrgSeries>();
  for (const [orgId, types] of wanted) {
    const series: OrgSeries = new Map();
    for (const type of types) series.set(type, new Float64Array(length));
    result.set(orgId, series);
  }
  for (const [upload, dayIndexes] of coveredDays(days)) {
    for (const row of upload.orgs) {
      const series = result.get(row.orgId);
      if (!series) continue;
      for (const [type, values] of series) {
        const raw = row.metrics[type];
        if (raw === undefined) continue;
        const units = unitsOf(raw);
        if (units === 0) continue;
        for (let k = 0; k < dayIndexes.length; k++) values[dayIndexes[k] as number] = units;
      }
    }
  }
  return result;
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
