// Every stored upload as the JSON document's `Upload`, a page at a time (export, tools):
// read from the compact store without holding more than a page.
import type { Upload } from '../../../../shared/schema/upload.ts';
import { Dexie } from 'dexie';
import type { TrueupDb } from './database.ts';
import { cellsOfRow, moduleIndexOf } from './usage-rows.ts';

/** Every stored upload (module, date, orgs, cursor?), ordered by module then date, pageSize at a time. */
export async function* uploadPages(db: TrueupDb, pageSize = 200): AsyncGenerator<Upload[]> {
  const modules = (await db.usageModules.toCollection().primaryKeys()).sort();
  for (const module of modules) {
    let after = '';
    for (;;) {
      // Each page in its own transaction, index and days together: a page is consistent.
      const page = await db.transaction('r', [db.usageModules, db.usageDays], async () => {
        const index = moduleIndexOf(module, await db.usageModules.get(module));
        const rows = await db.usageDays.where('[module+date]').between([module, after], [module, Dexie.maxKey], false, true).limit(pageSize).toArray();
        return rows.map((row) => index.uploadOf(row.date, row.cursor, cellsOfRow(row)));
      });
      if (page.length === 0) break;
      yield page;
      after = (page[page.length - 1] as Upload).date;
      if (page.length < pageSize) break;
    }
  }
}

/** Every stored upload, in one array (small workspaces, tests). */
export async function allUploads(db: TrueupDb): Promise<Upload[]> {
  const all: Upload[] = [];
  for await (const page of uploadPages(db)) all.push(...page);
  return all;
}
