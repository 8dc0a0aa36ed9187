import type { ModuleDays, SourceDay } from './module-days.ts';
import type { RawQuantity } from './store.ts';
import { unitsOf } from '../money/scaled.ts';

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
 * distinct upload days the period reads, in order (the store folds forward from one to
 * the next): a value read from a carried day is copied to every day it covers. An org or
 * type absent from a day's source upload stays 0 (the upload is authoritative).
 */
export function readSeries(days: ModuleDays, layout: SeriesLayout): ModuleSeries {
  const length = days.days.length;
  const values = new Float64Array(layout.count * length);
  const usage = days.usage;
  if (usage === undefined) return { length, values, orgs: layout.orgs };
  // Per wanted column: its org and type index in the module (or -1: never reported, 0).
  const cells: number[] = [];
  for (const [orgId, entry] of layout.orgs) {
    const o = usage.orgIndex.get(orgId) ?? -1;
    for (let k = 0; k < entry.types.length; k++) {
      const t = o < 0 ? -1 : usage.typeIndex.get(entry.types[k] as string) ?? -1;
      if (t >= 0) cells.push(entry.columns[k] as number, o, t);
    }
  }
  if (cells.length === 0) return { length, values, orgs: layout.orgs };
  for (const [source, dayIndexes] of coveredDays(days)) {
    const state = usage.stateAt(source.index);
    const stride = state.stride;
    for (let c = 0; c < cells.length; c += 3) {
      const k = (cells[c + 1] as number) * stride + (cells[c + 2] as number);
      let units = state.values[k] as number;
      // A raw value goes through unitsOf: past 2^53 units it refuses, as it always has.
      if (Number.isNaN(units)) units = unitsOf(state.raws.get(k) as RawQuantity);
      if (units === 0) continue;
      const base = (cells[c] as number) * length;
      for (let j = 0; j < dayIndexes.length; j++) values[base + (dayIndexes[j] as number)] = units;
    }
  }
  return { length, values, orgs: layout.orgs };
}

/** Each distinct source upload day with the day indexes it supplies, in day order. */
export function coveredDays(days: ModuleDays): Map<SourceDay, number[]> {
  const covered = new Map<SourceDay, number[]>();
  days.source.forEach((upload, i) => {
    if (!upload) return;
    const list = covered.get(upload);
    if (list) list.push(i);
    else covered.set(upload, [i]);
  });
  return covered;
}
