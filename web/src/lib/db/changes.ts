// Every write to config goes through here, local or remote, so the tables and the merge
// state (clocks) can never disagree. A local edit also lands in the outbox in the same
// transaction: an edit made offline is never lost and never half-written.
import type { Change, ChangeTable } from '../../../../shared/schema/changes.ts';
import { mergeChange, type Json, type RecordState } from '../../../../shared/sync/merge.ts';
import type { TrueupDb } from './database.ts';
import { nextClock, observeClock, originId } from './clock.ts';
import { CONFIG_TABLES, type ClockRow, type ConfigRow, type InvoiceDailyRow, type InvoiceRow } from './rows.ts';
import { bumpDataVersion } from './data-version.ts';
import { joinDaily, splitDaily } from './invoices.ts';
import { appNow } from '../app/clock.ts';

/** A local edit of one record: the fields to set (`deleted: true` to delete it). */
export interface Edit {
  table: ChangeTable;
  id: string;
  fields: Record<string, Json>;
}

function configTables(db: TrueupDb) {
  return [...CONFIG_TABLES.map((name) => db.table(name)), db.invoiceDaily];
}

/** The tables applyChanges writes: a caller's transaction around it must include them. */
export function changeTables(db: TrueupDb) {
  return [...configTables(db), db.clocks, db.meta];
}

function valuesOf(row: ConfigRow | undefined): Record<string, Json> {
  if (!row) return {};
  const { id: _id, ...values } = row as ConfigRow & Record<string, Json>;
  return values;
}

/**
 * Merges changes into the tables; returns how many records changed. Runs in its own or
 * the caller's transaction. `now` (ms) moves the local clock past what it saw.
 * `byRange`: the changes' records lie close together in id order (a snapshot page), so the
 * stored rows and clocks are read as one range per table instead of one request per record.
 */
export async function applyChanges(db: TrueupDb, changes: readonly Change[], now = appNow(), options: { byRange?: boolean } = {}): Promise<number> {
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
    let seq: number | undefined;
    for (const [table, list] of byTable) {
      const ids = [...new Set(list.map((c) => c.id))];
      const { rows, clocks } = options.byRange ? await storedInRange(db, table, ids) : await storedByKey(db, table, ids);
      const states = new Map<string, RecordState>();
      ids.forEach((id, i) => {
        const clockRow = clocks[i];
        if (clockRow) states.set(id, { table, id, values: valuesOf(rows[i]), clocks: clockRow.clocks });
      });
      const bareLines = table === 'invoices' ? await wholeLinesForTies(db, list, states) : NO_TIES;
      const touched = new Set<string>();
      // Which records' lines a change won (only those carry new daily quantities).
      const linesWon = new Set<string>();
      for (const change of list) {
        const next = mergeChange(states.get(change.id), change);
        if (!next) continue;
        states.set(change.id, next);
        touched.add(change.id);
        if (Object.hasOwn(change.fields, 'lines') && next.values.lines === change.fields.lines) linesWon.add(change.id);
      }
      const written = [...touched].map((id) => states.get(id)).filter((s): s is RecordState => s !== undefined);
      if (written.length === 0) continue;
      seq ??= await bumpDataVersion(db);
      const stamp = seq;
      const next: Record<string, Json>[] = written.map((s) => ({ ...s.values, id: s.id }));
      if (table === 'invoices') await moveDaily(db, next, linesWon, bareLines);
      await db.table(table).bulkPut(next);
      await db.clocks.bulkPut(written.map((s) => ({ table, id: s.id, clocks: s.clocks, seq: stamp })));
      changed += written.length;
    }
    await observeClock(db, latest, now);
    return changed;
  });
}

interface Stored {
  rows: (ConfigRow | undefined)[];
  clocks: (ClockRow | undefined)[];
}

async function storedByKey(db: TrueupDb, table: ChangeTable, ids: readonly string[]): Promise<Stored> {
  return {
    rows: await db.table<ConfigRow, string>(table).bulkGet([...ids]),
    clocks: await db.clocks.bulkGet(ids.map((id) => [table, id] as [string, string])),
  };
}

// A first sync stores tens of thousands of records from the snapshot, in id order: one
// request per record just to learn that nothing is stored yet was a fifth of its IndexedDB
// requests (docs/benchmarks.md).
async function storedInRange(db: TrueupDb, table: ChangeTable, ids: readonly string[]): Promise<Stored> {
  let low = ids[0] ?? '';
  let high = low;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const rows = new Map((await db.table<ConfigRow, string>(table).where(':id').between(low, high, true, true).toArray()).map((row) => [row.id, row]));
  const clocks = new Map((await db.clocks.where('[table+id]').between([table, low], [table, high], true, true).toArray()).map((row) => [row.id, row]));
  return { rows: ids.map((id) => rows.get(id)), clocks: ids.map((id) => clocks.get(id)) };
}

const NO_TIES: ReadonlyMap<string, Json> = new Map();

/**
 * A tie at one clock is decided on the whole value (docs/billing-rules.md#sync), but a stored
 * invoice's lines lack their days: for the invoices whose stored lines a change ties with, the
 * state gets the lines with their days put back. Returns those invoices' lines as stored, for
 * when the stored value stays. Only a change with the stored clock can tie with the stored
 * value (a value won within the batch is whole in memory), so without ties no days are read.
 */
async function wholeLinesForTies(db: TrueupDb, changes: readonly Change[], states: Map<string, RecordState>): Promise<ReadonlyMap<string, Json>> {
  const tied = new Set<string>();
  for (const change of changes) {
    if (Object.hasOwn(change.fields, 'lines') && states.get(change.id)?.clocks.lines === change.hlc) tied.add(change.id);
  }
  if (tied.size === 0) return NO_TIES;
  const ids = [...tied];
  const days = await db.invoiceDaily.bulkGet(ids);
  const bare = new Map<string, Json>();
  ids.forEach((id, i) => {
    const state = states.get(id);
    const lines = state?.values.lines;
    const daily = days[i];
    if (!state || !daily || !Array.isArray(lines)) return;
    bare.set(id, lines);
    const whole = joinDaily({ lines } as unknown as InvoiceRow, daily).lines;
    states.set(id, { ...state, values: { ...state.values, lines: whole as unknown as Json } });
  });
  return bare;
}

// The daily quantities of invoice lines a change won go to invoiceDaily (the row keeps the
// rest); a change that replaced the lines without days drops the old days. Lines put back
// whole for a tie that the stored value won are stored as they were.
async function moveDaily(db: TrueupDb, rows: Record<string, Json>[], linesWon: ReadonlySet<string>, bareLines: ReadonlyMap<string, Json>): Promise<void> {
  const put: InvoiceDailyRow[] = [];
  const dropped: string[] = [];
  for (const row of rows) {
    const id = row.id as string;
    if (!linesWon.has(id)) {
      const bare = bareLines.get(id);
      if (bare !== undefined) row.lines = bare;
      continue;
    }
    if (!Array.isArray(row.lines)) continue;
    const split = splitDaily(id, row.lines as unknown as InvoiceRow['lines']);
    row.lines = split.lines as unknown as Json;
    if (split.daily) put.push(split.daily);
    else dropped.push(id);
  }
  if (put.length > 0) await db.invoiceDaily.bulkPut(put);
  if (dropped.length > 0) await db.invoiceDaily.bulkDelete(dropped);
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
