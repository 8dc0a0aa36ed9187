import type { Upload } from '../schema/upload.ts';
import type { ModuleDays } from './module-days.ts';
import { unitsOf } from '../money/scaled.ts';

/**
 * The billing types read for one org and the column of each; keys and keyColumns remember,
 * per position of an upload row's metrics, which key was there and its column (-1: not
 * read), since the rows of a module list their keys in the same order.
 */
export interface OrgColumns {
  types: string[];
  columns: number[];
  keys: string[];
  keyColumns: number[];
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
    entry = { types: [], columns: [], keys: [], keyColumns: [] };
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
  const seen: RowCache = { ids: [], entries: [] };
  for (const [upload, dayIndexes] of coveredDays(days)) readUpload(upload.orgs, layout.orgs, values, length, dayIndexes, seen);
  return { length, values, orgs: layout.orgs };
}

// The hot loop over one upload's rows. Indexed loops only: for-of run by the interpreter
// (before or after a deopt) allocates a result object per row. An upload lists its orgs
// in the same order as the one before, so each row first tries the entry found at its
// position last time (a string compare) before the Map.
function readUpload(rows: Upload['orgs'], orgs: Map<string, OrgColumns>, values: Float64Array, length: number, dayIndexes: readonly number[], seen: RowCache): void {
  const single = dayIndexes.length === 1 ? (dayIndexes[0] as number) : -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Upload['orgs'][number];
    const orgId = row.orgId;
    let entry: OrgColumns | undefined;
    if (seen.ids[r] === orgId) entry = seen.entries[r];
    else {
      entry = orgs.get(orgId);
      seen.ids[r] = orgId;
      seen.entries[r] = entry;
    }
    if (entry === undefined) continue;
    const metrics = row.metrics;
    const keys = entry.keys;
    const keyColumns = entry.keyColumns;
    // for-in walks the row's own keys through V8's enum cache, and its keys are interned
    // strings, so matching one against the key seen at its position is a pointer compare;
    // matching against the contract's billing type strings is a full string compare.
    let p = 0;
    for (const key in metrics) {
      let column: number;
      if (keys[p] === key) column = keyColumns[p] as number;
      else {
        column = columnOfType(entry, key);
        keys[p] = key;
        keyColumns[p] = column;
      }
      p++;
      if (column < 0) continue;
      const raw = metrics[key];
      if (raw === undefined) continue;
      // Numbers below 1e11 take the exact fast path inline; the rest go through unitsOf.
      const units = typeof raw === 'number' && raw >= 0 && raw < 1e11 ? Math.round(raw * 10_000) : unitsOf(raw);
      const base = column * length;
      if (single >= 0) values[base + single] = units;
      else for (let j = 0; j < dayIndexes.length; j++) values[base + (dayIndexes[j] as number)] = units;
    }
  }
}

/** The org entry found at each row position of the previous upload read. */
interface RowCache {
  ids: string[];
  entries: (OrgColumns | undefined)[];
}

function columnOfType(entry: OrgColumns, type: string): number {
  const k = entry.types.indexOf(type);
  return k < 0 ? -1 : (entry.columns[k] as number);
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
