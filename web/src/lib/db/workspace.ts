// The workspace document (docs/billing-rules.md#workspace-document) read from, and restored into, IndexedDB. It is the
// engine's input and the export / import format.
import { parseOrThrow } from '../../../../shared/schema/issues.ts';
import { workspace as workspaceSchema, type Workspace } from '../../../../shared/schema/workspace.ts';
import type { Json } from '../../../../shared/sync/merge.ts';
import type { TrueupDb } from './database.ts';
import { loadConfig } from './config.ts';
import { recordEdits, type Edit } from './changes.ts';
import { storeUploads, uploadTables } from './uploads.ts';
import { allUploads } from './upload-pages.ts';
import { loadInvoices } from './invoices.ts';
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

function desiredRecords(ws: Omit<Workspace, 'uploads'>): Record<(typeof CONFIG_TABLES)[number], Records> {
  const byId = <T>(items: T[], id: (item: T) => string, fields: (item: T) => Record<string, Json>): Records =>
    new Map(items.map((item) => [id(item), fields(item)]));
  const enabled = new Set(ws.enabledModules);
  return {
    accounts: byId(ws.accounts, (a) => a.id, ({ id: _id, ...a }) => JSON.parse(JSON.stringify(a)) as Record<string, Json>),
    orgMappings: byId(ws.orgMappings, (m) => orgMappingId(m.module, m.orgId), (m) => ({ module: m.module, orgId: m.orgId, accountId: m.accountId })),
    contracts: byId(ws.contracts, (c) => c.id, ({ id: _id, ...c }) => c as unknown as Record<string, Json>),
    enabledModules: byId([...enabled], (m) => m, () => ({ enabled: true })),
    modules: byId(ws.modules, (m) => m.id, ({ id: _id, ...m }) => m as unknown as Record<string, Json>),
    invoices: byId(ws.invoices, (inv) => inv.id ?? `${inv.accountId}:${inv.period}:${inv.number ?? inv.status}`, ({ id: _id, ...inv }) => inv as unknown as Record<string, Json>),
    settings: new Map<string, Record<string, Json>>([[SETTINGS_ID, ws.profile === undefined ? { currency: ws.currency } : { currency: ws.currency, profile: JSON.parse(JSON.stringify(ws.profile)) as Json }]]),
    charges: byId(ws.charges, (ch) => ch.id, ({ id: _id, ...ch }) => ch as unknown as Record<string, Json>),
  };
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

/**
 * Makes the config records equal to a validated document's: each difference is recorded as a
 * local edit, so the restore syncs to every browser. Returns how many records changed.
 */
export async function restoreConfig(db: TrueupDb, ws: Omit<Workspace, 'uploads'>): Promise<number> {
  const desired = desiredRecords(ws);
  return db.transaction('rw', [...CONFIG_TABLES.map((t) => db.table(t)), db.invoiceDaily, db.clocks, db.meta, db.outbox], async () => {
    const edits: Edit[] = [];
    for (const table of CONFIG_TABLES) {
      const current = new Map((await db.table<ConfigRow, string>(table).toArray()).map((row) => [row.id, row as ConfigRow & Record<string, Json>]));
      for (const [id, fields] of desired[table]) {
        const row = current.get(id);
        const diff: Record<string, Json> = {};
        for (const [field, value] of Object.entries(fields)) if (!row || !same(row[field], value)) diff[field] = value;
        if (row?.deleted === true) diff.deleted = false;
        if (Object.keys(diff).length > 0) edits.push({ table, id, fields: diff });
      }
      for (const [id, row] of current) {
        if (desired[table].has(id) || row.deleted === true) continue;
        edits.push({ table, id, fields: table === 'enabledModules' ? { enabled: false } : { deleted: true } });
      }
    }
    await recordEdits(db, edits);
    return edits.length;
  });
}
