// Uploads arrive from the edge whole, one module-day at a time; the newest version of a
// module-day replaces the old one. They are kept compactly (docs/usage-store.md): per
// module an index of orgs, billing types and names, per module-day typed arrays. Only
// module-days that changed are written, stamped with the data version so the engine
// worker reads just those. The org directory (every org each module has ever reported,
// with its latest name) is kept up to date in the same transaction, so the mapping screens
// never have to scan a year of uploads.
import { Dexie } from 'dexie';
import type { Upload } from '../../../../shared/schema/upload.ts';
import type { ModuleUsage } from '../../../../shared/usage/store.ts';
import type { TrueupDb } from './database.ts';
import type { OrgRow, UsageDayRow } from './rows.ts';
import { bumpDataVersion, dataVersion } from './data-version.ts';
import { setMeta } from './meta.ts';
import { cellsOfRow, dayRowOf, indexGrew, moduleIndexOf, moduleRowOf, sameDay } from './usage-rows.ts';

/** The tables storeUploads writes: a caller's transaction around it must include them. */
export function uploadTables(db: TrueupDb) {
  return [db.usageModules, db.usageDays, db.orgs, db.meta];
}

/**
 * Stores uploads (replacing each module-day) and updates the org directory. Each keeps its
 * cursor: its own when the edge sent one, else the cursor of the page it came in (at or
 * above its own, which is all comparing it with a posted invoice's usageCursor needs).
 * `publish: false` (a first pull's older days, see sync/client.ts pullHistory) stamps the rows
 * with the next data version without moving it, so the engine reads them with the next write
 * or `publishUsage`, not page by page.
 */
export async function storeUploads(db: TrueupDb, uploads: readonly Upload[], pageCursor?: string, directory?: OrgDirectory, publish = true): Promise<void> {
  if (uploads.length === 0) return;
  await db.transaction('rw', uploadTables(db), async () => {
    // The last upload of a module-day in the list wins.
    const latest = new Map<string, Upload>();
    for (const u of uploads) latest.set(`${u.module}\u0000${u.date}`, u);
    const list = [...latest.values()];
    const modules = [...new Set(list.map((u) => u.module))];
    const moduleRows = await db.usageModules.bulkGet(modules);
    const stored = await db.usageDays.bulkGet(list.map((u) => [u.module, u.date] as [string, string]));
    const indexes = new Map<string, ModuleUsage>(modules.map((m, i) => [m, moduleIndexOf(m, moduleRows[i])]));
    const rows: UsageDayRow[] = [];
    list.forEach((u, i) => {
      const row = dayRowOf(indexes.get(u.module) as ModuleUsage, u, u.cursor ?? pageCursor, 0);
      const before = stored[i];
      if (!before || !sameDay(before, row)) rows.push(row);
    });
    const grown = modules.flatMap((m, i) => (indexGrew(indexes.get(m) as ModuleUsage, moduleRows[i]) ? [indexes.get(m) as ModuleUsage] : []));
    if (rows.length > 0 || grown.length > 0) {
      const seq = publish ? await bumpDataVersion(db) : (await dataVersion(db)) + 1;
      if (publish) await setMeta(db, 'usageVersion', seq);
      for (const row of rows) row.seq = seq;
      await db.usageModules.bulkPut(grown.map((usage) => moduleRowOf(usage, seq)));
      await db.usageDays.bulkPut(rows);
    }
    await updateOrgDirectory(db, list, directory);
  });
}

/** Moves the data version over module-days stored with `publish: false`, so the engine reads them. */
export async function publishUsage(db: TrueupDb): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'usageVersion', await bumpDataVersion(db));
  });
}

/**
 * The org directory as one pull (or import) holds it: read whole on its first page, so a
 * backlog of module-days does not read thousands of org rows back on every page. New orgs,
 * renames and earlier first days are written with the page that brings them; an org that is
 * only seen again on a later day is written when the holder calls `flush` (every few pages
 * and with the last), because over a year of pages that is every org on every page, and
 * those thousands of small writes were most of a large pull's time (docs/usage-store.md#the-org-directory).
 * Hold one per pull only: it does not see other writers.
 */
export class OrgDirectory {
  #rows: Map<string, OrgRow> | null = null;
  readonly #later = new Map<string, OrgRow>();

  async rows(db: TrueupDb): Promise<Map<string, OrgRow>> {
    this.#rows ??= new Map((await db.orgs.toArray()).map((row) => [orgKey(row.module, row.orgId), row]));
    return this.#rows;
  }

  /** Keeps a row whose only change is a later last day, to be written by flush. */
  defer(key: string, row: OrgRow): void {
    this.#later.set(key, row);
  }

  /** Writes what was deferred (inside or outside a transaction that includes db.orgs). */
  async flush(db: TrueupDb): Promise<void> {
    if (this.#later.size === 0) return;
    const rows = [...this.#later.values()];
    this.#later.clear();
    await db.orgs.bulkPut(rows);
  }
}

const orgKey = (module: string, orgId: string) => `${module}\u0000${orgId}`;

/** The stored rows of these orgs by key: the pull's directory, or read for these uploads alone. */
async function storedOrgs(db: TrueupDb, orgs: readonly OrgRow[], directory?: OrgDirectory): Promise<Map<string, OrgRow>> {
  if (directory) return directory.rows(db);
  const stored = await db.orgs.bulkGet(orgs.map((o) => [o.module, o.orgId] as [string, string]));
  return new Map(stored.flatMap((row) => (row ? [[orgKey(row.module, row.orgId), row] as const] : [])));
}

async function updateOrgDirectory(db: TrueupDb, uploads: readonly Upload[], directory?: OrgDirectory): Promise<void> {
  const seen = new Map<string, OrgRow>();
  for (const u of uploads) {
    for (const org of u.orgs) {
      const key = orgKey(u.module, org.orgId);
      const known = seen.get(key);
      if (!known) seen.set(key, { module: u.module, orgId: org.orgId, name: org.name, firstDate: u.date, lastDate: u.date });
      else mergeSighting(known, { module: u.module, orgId: org.orgId, name: org.name, firstDate: u.date, lastDate: u.date });
    }
  }
  const known = await storedOrgs(db, [...seen.values()], directory);
  // only the rows these uploads changed are written
  const changed: OrgRow[] = [];
  for (const [key, org] of seen) {
    const before = known.get(key);
    if (!before) {
      known.set(key, org);
      changed.push(org);
      continue;
    }
    const { name, firstDate, lastDate } = before;
    mergeSighting(before, org);
    if (before.name !== name || before.firstDate !== firstDate) changed.push(before);
    else if (before.lastDate !== lastDate) {
      if (directory) directory.defer(key, before);
      else changed.push(before);
    }
  }
  if (changed.length > 0) await db.orgs.bulkPut(changed);
}

function mergeSighting(into: OrgRow, other: OrgRow): void {
  if (other.lastDate >= into.lastDate && other.name !== '') into.name = other.name;
  if (other.firstDate < into.firstDate) into.firstDate = other.firstDate;
  if (other.lastDate > into.lastDate) into.lastDate = other.lastDate;
}

/**
 * The latest upload day of each module that has any: one step of a reverse key cursor per
 * module. Walking every stored module-day instead made the dashboard's live query hold
 * IndexedDB busy during a large pull (docs/usage-store.md#reading-it).
 */
export async function lastUploadDays(db: TrueupDb): Promise<Map<string, string>> {
  return db.transaction('r', [db.usageModules, db.usageDays], async () => {
    const modules = await db.usageModules.toCollection().primaryKeys();
    const keys = await Promise.all(modules.map((module) =>
      db.usageDays.where('[module+date]').between([module, Dexie.minKey], [module, Dexie.maxKey]).reverse().limit(1).primaryKeys()));
    const last = new Map<string, string>();
    for (const [key] of keys) if (key) last.set(key[0], key[1]);
    return last;
  });
}

/** How many module-days are stored. */
export async function countModuleDays(db: TrueupDb): Promise<number> {
  return db.usageDays.count();
}

/** The stored uploads of the given module-days, as JSON uploads (undefined where none is stored). */
export async function loadUploads(db: TrueupDb, keys: readonly (readonly [string, string])[]): Promise<(Upload | undefined)[]> {
  return db.transaction('r', [db.usageModules, db.usageDays], async () => {
    const rows = await db.usageDays.bulkGet(keys.map(([m, d]) => [m, d] as [string, string]));
    const modules = [...new Set(rows.flatMap((r) => (r ? [r.module] : [])))];
    const moduleRows = await db.usageModules.bulkGet(modules);
    const indexes = new Map(modules.map((m, i) => [m, moduleIndexOf(m, moduleRows[i])]));
    return rows.map((row) => (row ? (indexes.get(row.module) as ModuleUsage).uploadOf(row.date, row.cursor, cellsOfRow(row)) : undefined));
  });
}
