// Merging the config change log (docs/billing-rules.md#sync). Every browser and the edge keep, per record,
// the value of each field and the clock of the change that last set it; a change wins a
// field only with a later clock. Because "later" is a total order on clocks (the origin
// breaks ties), applying the same set of changes in any order, any number of times, gives
// the same records: that is what makes every browser of a tenant converge.
// Deletion is an ordinary field (`deleted: true`), so it too is decided field by field.
import type { Change, ChangeTable } from '../schema/changes.ts';
import { tieText } from './tie-text.ts';

/** A JSON value as carried by a change. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One record as the change log knows it: field values and the clock that set each. */
export interface RecordState {
  table: ChangeTable;
  id: string;
  values: Record<string, Json>;
  clocks: Record<string, string>;
}

/** The field that marks a record deleted (a tombstone) when true. */
export const DELETED = 'deleted';

/** Applies one change to a record; returns the new state, or null when no field was newer. */
export function mergeChange(current: RecordState | undefined, change: Change): RecordState | null {
  const values: Record<string, Json> = { ...current?.values };
  const clocks: Record<string, string> = { ...current?.clocks };
  let changed = false;
  for (const [field, value] of Object.entries(change.fields)) {
    const seen = clocks[field];
    if (seen !== undefined && !wins(change, field, seen, values[field])) continue;
    values[field] = value as Json;
    clocks[field] = change.hlc;
    changed = true;
  }
  return changed ? { table: change.table, id: change.id, values, clocks } : null;
}

// A later clock wins. One clock stamps one event, so equal clocks carry equal values; should
// a buggy or replayed client reuse a clock for another value, the larger encoding (its JSON
// text; an invoice's lines with their days written out, see tie-text.ts) wins, so the outcome
// still does not depend on arrival order. The edge keeps every distinct value it is sent for a
// record and clock (worker/store/changes.ts), so every browser sees all of them and this one
// rule picks the same winner everywhere.
function wins(change: Change, field: string, seenClock: string, seenValue: Json | undefined): boolean {
  if (change.hlc !== seenClock) return change.hlc > seenClock;
  return tieText(change.table, field, change.fields[field] as Json) > tieText(change.table, field, seenValue);
}

/** The key of a record across tables. */
export function recordKey(table: ChangeTable, id: string): string {
  return `${table}\u0000${id}`;
}

/** Applies changes to an in-memory store of records; returns the records that changed. */
export function mergeChanges(store: Map<string, RecordState>, changes: Iterable<Change>): RecordState[] {
  const touched = new Map<string, RecordState>();
  for (const change of changes) {
    const key = recordKey(change.table, change.id);
    const next = mergeChange(store.get(key), change);
    if (!next) continue;
    store.set(key, next);
    touched.set(key, next);
  }
  return [...touched.values()];
}

/** True when the record's latest word is that it was deleted. */
export function isDeleted(state: RecordState | undefined): boolean {
  return state === undefined || state.values[DELETED] === true;
}

/** The latest clock of any field of a record. */
export function latestClock(state: RecordState): string {
  let latest = '';
  for (const clock of Object.values(state.clocks)) if (clock > latest) latest = clock;
  return latest;
}
