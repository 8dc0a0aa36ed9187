// Every stored upload, a page at a time, for whoever must read them all (the workspace
// export) without holding a year of uploads at once.
import type { Upload } from '../../../../shared/schema/upload.ts';
import type { TrueupDb } from './database.ts';

/** Every stored upload as the workspace document's `Upload`, ordered by module then date. */
export async function* uploadPages(db: TrueupDb, pageSize = 20): AsyncGenerator<Upload[]> {
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await (after === undefined ? db.uploads.orderBy('[module+date]') : db.uploads.where('[module+date]').above(after)).limit(pageSize).toArray();
    if (rows.length === 0) return;
    yield rows.map((u) => (u.cursor === undefined ? { module: u.module, date: u.date, orgs: u.orgs } : { module: u.module, date: u.date, orgs: u.orgs, cursor: u.cursor }));
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = [last.module, last.date];
  }
}
