// The workspace document (docs/billing-rules.md#workspace-document) read from, and restored into, IndexedDB. It is the
// engine's input and the export / import format.
import { parseOrThrow } from '../../../../shared/schema/issues.ts';
import { workspace as workspaceSchema, type Workspace } from '../../../../shared/schema/workspace.ts';
import type { Invoice } from '../../../../shared/schema/invoice.ts';
import type { Json } from '../../../../shared/sync/merge.ts';
import type { TrueupDb } from './database.ts';
import { loadConfig } from './config.ts';
import { recordEdits, type Edit } from './changes.ts';
import { storeUploads, uploadTables } from './uploads.ts';
import { allUploads } from './upload-pages.ts';
import { joinDaily, loadInvoices } from './invoices.ts';
import { CONFIG_TABLES, orgMappingId, SETTINGS_ID, type ConfigRow, type InvoiceRow } from './rows.ts';

/** The whole local state as a workspace document: the config and every upload. */
export async function loadWorkspace(db: TrueupDb): Promise<Workspace> {
  return db.transaction('r', [...CONFIG_TABLES.map((t) => db.table(t)), db.invoiceDaily, db.usageModules, db.usageDays], async () => {
    const config = await loadConfig(db);
    const invoices = (await loadInvoices(db, config.invoices.map((i) => i.id ?? ''))).map((row, i) => row ?? (config.invoices[i] as InvoiceRow));
    return { ...config, invoices, uploads: await allUploads(db) };
  });
}

type Records = Map<string, Record<string, Json>>;
type Table = (typeof CONFIG_TABLES)[number];
type Head = Omit<Workspace, 'uploads' | 'invoices'>;

type HeadTable = Exclude<Table, 'invoices'>;
const headTables = (from: number, to: number) => CONFIG_TABLES.slice(from, to).filter((t): t is HeadTable => t !== 'invoices');

/** The config tables a whole restore records before the invoices, and after them. */
export const TABLES_BEFORE_INVOICES: readonly HeadTable[] = headTables(0, CONFIG_TABLES.indexOf('invoices'));
export const TABLES_AFTER_INVOICES: readonly HeadTable[] = headTables(CONFIG_TABLES.indexOf('invoices') + 1, CONFIG_TABLES.length);

/** The key of an invoice's record: its id, or for one without, its account, period and number or status. */
export function invoiceRecordId(inv: Invoice): string {
  return inv.id ?? `${inv.accountId}:${inv.period}:${inv.number ?? inv.status}`;
}

function byId<T>(items: readonly T[], id: (item: T) => string, fields: (item: T) => Record<string, Json>): Records {
  return new Map(items.map((item) => [id(item), fields(item)]));
}

/** The records the invoices are, by record id (a later invoice of the same record wins). */
function invoiceRecords(invoices: readonly Invoice[]): Records {
  return byId(invoices, invoiceRecordId, ({ id: _id, ...inv }) => inv as unknown as Record<string, Json>);
}

/** The records a document's config member is, by record id. */
function desiredRecords(ws: Head, table: HeadTable): Records {
  switch (table) {
    case 'accounts': return byId(ws.accounts, (a) => a.id, ({ id: _id, ...a }) => JSON.parse(JSON.stringify(a)) as Record<string, Json>);
    case 'orgMappings': return byId(ws.orgMappings, (m) => orgMappingId(m.module, m.orgId), (m) => ({ module: m.module, orgId: m.orgId, accountId: m.accountId }));
    case 'contracts': return byId(ws.contracts, (c) => c.id, ({ id: _id, ...c }) => c as unknown as Record<string, Json>);
    case 'enabledModules': return byId([...new Set(ws.enabledModules)], (m) => m, () => ({ enabled: true }));
    case 'modules': return byId(ws.modules, (m) => m.id, ({ id: _id, ...m }) => m as unknown as Record<string, Json>);
    case 'settings': return new Map<string, Record<string, Json>>([[SETTINGS_ID, ws.profile === undefined ? { currency: ws.currency } : { currency: ws.currency, profile: JSON.parse(JSON.stringify(ws.profile)) as Json }]]);
    case 'charges': return byId(ws.charges, (ch) => ch.id, ({ id: _id, ...ch }) => ch as unknown as Record<string, Json>);
  }
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates a workspace document and makes the local state equal to it: config records
 * are created, changed or deleted through the change log (so the restore syncs), uploads
 * are stored. Throws a ValidationError listing every problem by path, and writes nothing then.
 * A file too large for one string is imported as it streams (web/src/lib/transfer/).
 */
export async function importWorkspace(db: TrueupDb, input: unknown): Promise<{ changes: number; uploads: number }> {
  const ws = parseOrThrow(workspaceSchema, input, 'workspace');
  return db.transaction('rw', [...CONFIG_TABLES.map((t) => db.table(t)), db.invoiceDaily, db.clocks, db.meta, db.outbox, ...uploadTables(db)], async () => {
    const changes = await restoreConfig(db, ws);
    await storeUploads(db, ws.uploads);
    return { changes, uploads: ws.uploads.length };
  });
}

/** A table's rows as the document holds them: invoices with their frozen days put back (db/invoices.ts). */
async function storedRows(db: TrueupDb, table: Table): Promise<Map<string, StoredRow>> {
  const rows = await db.table<ConfigRow, string>(table).toArray();
  if (table !== 'invoices') return new Map(rows.map((row) => [row.id, row as StoredRow]));
  return wholeInvoices(db, rows as InvoiceRow[]);
}

type StoredRow = ConfigRow & Record<string, Json>;

/** Invoice rows with their frozen days put back, by id. */
async function wholeInvoices(db: TrueupDb, rows: readonly InvoiceRow[]): Promise<Map<string, StoredRow>> {
  const daily = await db.invoiceDaily.bulkGet(rows.map((row) => row.id));
  return new Map(rows.map((row, i) => [row.id, joinDaily(row, daily[i]) as unknown as StoredRow]));
}

/** The stored invoices of these ids (those there are), whole. */
async function storedInvoices(db: TrueupDb, ids: readonly string[]): Promise<Map<string, StoredRow>> {
  const rows = await db.invoices.bulkGet([...ids]);
  return wholeInvoices(db, rows.filter((row): row is InvoiceRow => row !== undefined));
}

/** The edits that make the desired records of a table so; with `dropOthers`, every other live record is deleted. */
function editsFor(table: Table, desired: Records, current: Map<string, StoredRow>, dropOthers: boolean): Edit[] {
  const edits: Edit[] = [];
  for (const [id, fields] of desired) {
    const row = current.get(id);
    const diff: Record<string, Json> = {};
    for (const [field, value] of Object.entries(fields)) if (!row || !same(row[field], value)) diff[field] = value;
    if (row?.deleted === true) diff.deleted = false;
    if (Object.keys(diff).length > 0) edits.push({ table, id, fields: diff });
  }
  if (!dropOthers) return edits;
  for (const [id, row] of current) {
    if (desired.has(id) || row.deleted === true) continue;
    edits.push({ table, id, fields: deletion(table) });
  }
  return edits;
}

function deletion(table: Table): Record<string, Json> {
  return table === 'enabledModules' ? { enabled: false } : { deleted: true };
}

function restoreTransaction<T>(db: TrueupDb, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [...CONFIG_TABLES.map((t) => db.table(t)), db.invoiceDaily, db.clocks, db.meta, db.outbox], work);
}

/**
 * Makes the config records equal to a validated document's: each difference is recorded as a
 * local edit, so the restore syncs to every browser. Returns how many records changed.
 */
export async function restoreConfig(db: TrueupDb, ws: Omit<Workspace, 'uploads'>): Promise<number> {
  return restoreTransaction(db, async () => {
    const edits: Edit[] = [];
    for (const table of CONFIG_TABLES) {
      const desired = table === 'invoices' ? invoiceRecords(ws.invoices) : desiredRecords(ws, table);
      edits.push(...editsFor(table, desired, await storedRows(db, table), true));
    }
    await recordEdits(db, edits);
    return edits.length;
  });
}

/*
 * The same restore in parts, for a document read as it streams (web/src/lib/transfer/): the
 * tables before the invoices, the invoices a slice at a time, the invoices no longer in the
 * document, then the tables after them. Made in this order, the edits are the ones
 * restoreConfig makes, in the same order; each part is its own transaction (and data version).
 */

/** Restores these config tables of the document (all but invoices), each whole. */
export async function restoreTables(db: TrueupDb, ws: Head, tables: readonly HeadTable[]): Promise<number> {
  return restoreTransaction(db, async () => {
    const edits: Edit[] = [];
    for (const table of tables) edits.push(...editsFor(table, desiredRecords(ws, table), await storedRows(db, table), true));
    await recordEdits(db, edits);
    return edits.length;
  });
}

/** Restores these invoices of the document (no two of the same record), leaving the others as they are. */
export async function restoreInvoices(db: TrueupDb, invoices: readonly Invoice[]): Promise<number> {
  const desired = invoiceRecords(invoices);
  return restoreTransaction(db, async () => {
    const edits = editsFor('invoices', desired, await storedInvoices(db, [...desired.keys()]), false);
    await recordEdits(db, edits);
    return edits.length;
  });
}

/** Deletes the stored invoices whose record is not one of `kept`, `slice` at a time (in id order, as restoreConfig does). */
export async function dropInvoicesBut(db: TrueupDb, kept: ReadonlySet<string>, slice = 500): Promise<number> {
  const gone = (await db.invoices.toCollection().primaryKeys()).filter((id) => !kept.has(id));
  let changes = 0;
  for (let at = 0; at < gone.length; at += slice) {
    const ids = gone.slice(at, at + slice);
    changes += await restoreTransaction(db, async () => {
      const edits: Edit[] = [];
      for (const row of await db.invoices.bulkGet(ids)) if (row && row.deleted !== true) edits.push({ table: 'invoices', id: row.id, fields: deletion('invoices') });
      await recordEdits(db, edits);
      return edits.length;
    });
  }
  return changes;
}
