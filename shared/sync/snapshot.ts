// The change log compacted (docs/billing-rules.md#sync): per record, only the winning value of
// each field with the clock that set it, written as changes (one per clock). Merging these
// gives every record exactly the state that merging the whole log gives — same values, same
// clocks — because a merged record is nothing but its per-field winners; so a new browser
// can start from the compacted log and then follow the log from the snapshot's cursor.
import type { Change } from '../schema/changes.ts';
import { mergeChange, recordKey, type Json, type RecordState } from './merge.ts';

interface Compacting {
  state: RecordState;
  /** The origin of the change that set each field. */
  origins: Record<string, string>;
}

/**
 * The compacted form of a set of changes (any order, any repeats): per record, one change per
 * clock that still wins a field, carrying those fields. Records keep the order in which they
 * first appear; each record's changes are in clock order.
 */
export function compactChanges(changes: Iterable<Change>): Change[] {
  const records = new Map<string, Compacting>();
  for (const change of changes) {
    const key = recordKey(change.table, change.id);
    const current = records.get(key);
    const next = mergeChange(current?.state, change);
    if (!next) continue;
    const origins = { ...current?.origins };
    for (const field of Object.keys(change.fields)) if (next.clocks[field] === change.hlc) origins[field] = change.origin;
    records.set(key, { state: next, origins });
  }
  const out: Change[] = [];
  for (const { state, origins } of records.values()) out.push(...recordChanges(state, origins));
  return out;
}

/** One record's winners as changes, one per clock, in clock order. */
function recordChanges(state: RecordState, origins: Record<string, string>): Change[] {
  const byClock = new Map<string, Record<string, Json>>();
  for (const [field, value] of Object.entries(state.values)) {
    const clock = state.clocks[field];
    if (clock === undefined) continue;
    const fields = byClock.get(clock) ?? {};
    fields[field] = value;
    byClock.set(clock, fields);
  }
  return [...byClock].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([hlc, fields]) => ({
    table: state.table,
    id: state.id,
    fields,
    hlc,
    origin: origins[Object.keys(fields)[0] ?? ''] ?? '',
  }));
}
