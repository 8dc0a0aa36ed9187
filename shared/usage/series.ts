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

/** The (org, billing type) columns of one module that some item sums, built before reading. */
export interface SeriesLayout {
  orgs: Map<string, OrgColumns>;
  count: number;
}

/** An empty layout. */
export function newLayout(): SeriesLayout {
  return { orgs: new Map(), count: 0 };
}

/**
 * Registers the columns of orgId × types and appends each one's index to out (once per
 * pair asked, repeats included, so a repeated org or type counts as often as it is listed).
 */
export function addColumns(layout: SeriesLayout, orgId: string, types: readonly string[], out: number[]): void {
  let entry = layout.orgs.get(orgId);
  if (entry === undefined) {
    entry = { types: [], columns: [] };
    layout.orgs.set(orgId, entry);
  }
  for (let t = 0; t < types.length; t++) {
    const type = types[t] as string;
    let k = entry.types.indexOf(type);
    if (k < 0) {
      k = entry.types.length;
      entry.types.push(type);
      entry.columns.push(layout.count++);
    }
    out.push(entry.columns[k] as number);
  }
}

/**
 * Reads the daily series of a layout's columns of one module in a single pass over the
 * distinct uploads the period reads: every org row is visited once and a value read from
 * a carried upload is copied to every day it covers. An org or type absent from a day's
 * source upload stays 0 (the upload is authoritative).
 */
export function readSeries(days: ModuleDays, layout: SeriesLayout): ModuleSeries {
  const length = days.days.length;
  const values = new Float64Array(layout.count * length);
  for (const [upload, dayIndexes] of coveredDays(days)) readUpload(upload.orgs, layout.orgs, values, length, dayIndexes);
  return { length, values, orgs: layout.orgs };
}

// The hot loop over one upload's rows, with indexed loops only: for-of run by the
// interpreter (before or after a deopt) allocates a result object per row.
function readUpload(rows: Upload['orgs'], orgs: Map<string, OrgColumns>, values: Float64Array, length: number, dayIndexes: readonly number[]): void {
  const single = dayIndexes.length === 1 ? (dayIndexes[0] as number) : -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Upload['orgs'][number];
    const entry = orgs.get(row.orgId);
    if (entry === undefined) continue;
    const metrics = row.metrics;
    const types = entry.types;
    // for-in walks the row's own keys through V8's enum cache; looking each wanted type
    // up by name instead goes through a megamorphic keyed load.
    for (const type in metrics) {
      const k = types.indexOf(type);
      if (k < 0) continue;
      const raw = metrics[type] as number | string | boolean;
      // Numbers below 1e11 take the exact fast path inline; the rest go through unitsOf.
      const units = typeof raw === 'number' && raw >= 0 && raw < 1e11 ? Math.round(raw * 10_000) : unitsOf(raw);
      const base = (entry.columns[k] as number) * length;
      if (single >= 0) values[base + single] = units;
      else for (let j = 0; j < dayIndexes.length; j++) values[base + (dayIndexes[j] as number)] = units;
    }
  }
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
