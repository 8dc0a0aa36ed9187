// Every write to config goes through here, local or remote, so the tables and the merge
// state (clocks) can never disagree. A local edit also lands in the outbox in the same
// transaction: an edit made offline is never lost and never half-written.
import type { Change, ChangeTable } from '../../../../shared/schema/changes.ts';
import { mergeChange, type Json, type RecordState } from '../../../../shared/sync/merge.ts';
import type { TrueupDb } from './database.ts';
import { nextClock, observeClock, originId } from './clock.ts';
import { CONFIG_TABLES, type ConfigRow } from './rows.ts';
import { appNow } from '../app/clock.ts';

/** A local edit of one record: the fields to set (`deleted: true` to delete it). */
export interface Edit {
  table: ChangeTable;
  id: string;
  fields: Record<string, Json>;
}

function configTables(db: TrueupDb) {
  return CONFIG_TABLES.map((name) => db.table(name));
}

function valuesOf(row: ConfigRow | undefined): Record<string, Json> {
  if (!row) return {};
  const { id: _id, ...values } = row as ConfigRow & Record<string, Json>;
  return values;
}

/**
 * Merges changes into the tables; returns how many records changed. Runs in its own or
 * the caller's transaction. `now` (ms) moves the local clock past what it saw.
 */
export async function applyChanges(db: TrueupDb, changes: readonly Change[], now = appNow()): Promise<number> {
  if (changes.length === 0) return 0;
  return db.transaction('rw', [...configTables(db), db.clocks, db.meta], async () => {
    const byTable = new Map<ChangeTable, Change[]>();
    let latest = '';
    for (const change of changes) {
      const list = byTable.get(change.table) ?? [];
      list.push(change);
      byTable.set(change.table, list);
      if (change.hlc > latest) latest = change.hlc;
    }
    let changed = 0;
    for (const [table, list] of byTable) {
      const ids = [...new Set(list.map((c) => c.id))];
      const rows = await db.table<ConfigRow, string>(table).bulkGet(ids);
      const clocks = await db.clocks.bulkGet(ids.map((id) => [table, id] as [string, string]));
      const states = new Map<string, RecordState>();
      ids.forEach((id, i) => {
        const clockRow = clocks[i];
        if (clockRow) states.set(id, { table, id, values: valuesOf(rows[i]), clocks: clockRow.clocks });
      });
      const touched = new Set<string>();
      for (const change of list) {
        const next = mergeChange(states.get(change.id), change);
        if (!next) continue;
        states.set(change.id, next);
        touched.add(change.id);
      }
      const written = [...touched].map((id) => states.get(id)).filter((s): s is RecordState => s !== undefined);
      await db.table(table).bulkPut(written.map((s) => ({ ...s.values, id: s.id })));
      await db.clocks.bulkPut(written.map((s) => ({ table, id: s.id, clocks: s.clocks })));
      changed += written.length;
    }
    await observeClock(db, latest, now);
    return changed;
  });
}

/**
 * Makes local edits: stamps each with the next clock as of `now` (ms; the app's clock
 * unless a caller pins it), applies it and queues it for the edge, atomically.
 */
export async function recordEdits(db: TrueupDb, edits: readonly Edit[], now = appNow()): Promise<Change[]> {
  if (edits.length === 0) return [];
  return db.transaction('rw', [...configTables(db), db.clocks, db.meta, db.outbox], async () => {
    const origin = await originId(db);
    const changes: Change[] = [];
    for (const edit of edits) {
      changes.push({ table: edit.table, id: edit.id, fields: edit.fields, hlc: await nextClock(db, now), origin });
    }
    await applyChanges(db, changes, now);
    await db.outbox.bulkAdd(changes.map((change) => ({ change })));
    return changes;
  });
}

/** One local edit (see recordEdits). */
export async function recordEdit(db: TrueupDb, edit: Edit, now = appNow()): Promise<Change> {
  const [change] = await recordEdits(db, [edit], now);
  if (!change) throw new Error('no change recorded');
  return change;
}
