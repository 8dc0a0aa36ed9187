// Uploads arrive from the edge whole, one module-day at a time; the newest version of a
// module-day replaces the old one. The org directory (every org each module has ever
// reported, with its latest name) is kept up to date in the same transaction, so the
// mapping screens never have to scan a year of uploads.
import type { Upload } from '../../../../shared/schema/upload.ts';
import type { TrueupDb } from './database.ts';
import type { OrgRow } from './rows.ts';

/**
 * Stores uploads (replacing each module-day) and updates the org directory. Each keeps its
 * cursor: its own when the edge sent one, else the cursor of the page it came in (at or
 * above its own, which is all comparing it with a posted invoice's usageCursor needs).
 */
export async function storeUploads(db: TrueupDb, uploads: readonly Upload[], pageCursor?: string): Promise<void> {
  if (uploads.length === 0) return;
  await db.transaction('rw', db.uploads, db.orgs, async () => {
    await db.uploads.bulkPut(uploads.map((u) => {
      const cursor = u.cursor ?? pageCursor;
      return cursor === undefined ? { module: u.module, date: u.date, orgs: u.orgs } : { module: u.module, date: u.date, orgs: u.orgs, cursor };
    }));
    const seen = new Map<string, OrgRow>();
    for (const u of uploads) {
      for (const org of u.orgs) {
        const key = `${u.module}\u0000${org.orgId}`;
        const known = seen.get(key);
        if (!known) seen.set(key, { module: u.module, orgId: org.orgId, name: org.name, firstDate: u.date, lastDate: u.date });
        else mergeSighting(known, { module: u.module, orgId: org.orgId, name: org.name, firstDate: u.date, lastDate: u.date });
      }
    }
    const fresh = [...seen.values()];
    const stored = await db.orgs.bulkGet(fresh.map((o) => [o.module, o.orgId] as [string, string]));
    fresh.forEach((org, i) => {
      const before = stored[i];
      if (before) {
        mergeSighting(before, org);
        fresh[i] = before;
      }
    });
    await db.orgs.bulkPut(fresh);
  });
}

function mergeSighting(into: OrgRow, other: OrgRow): void {
  if (other.lastDate >= into.lastDate && other.name !== '') into.name = other.name;
  if (other.firstDate < into.firstDate) into.firstDate = other.firstDate;
  if (other.lastDate > into.lastDate) into.lastDate = other.lastDate;
}

/** The latest upload day of each module that has any. */
export async function lastUploadDays(db: TrueupDb): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  await db.uploads.orderBy('[module+date]').eachPrimaryKey((key) => {
    const [module, date] = key;
    const known = last.get(module);
    if (known === undefined || date > known) last.set(module, date);
  });
  return last;
}
