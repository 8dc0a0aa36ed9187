// One sync round with the edge (SPEC §12): push the outbox, pull everyone's changes, pull
// new uploads. Each step saves its cursor together with what it stored, in one
// transaction, so an interrupted sync resumes where it stopped and repeats nothing twice
// that matters (merging the same change again is a no-op).
import type { TrueupDb } from '../db/database.ts';
import { applyChanges } from '../db/changes.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { storeUploads } from '../db/uploads.ts';
import { CONFIG_TABLES } from '../db/rows.ts';
import { fetchChanges, fetchUploads, sendChanges, type EdgeConnection } from './edge.ts';

/** What one sync round moved. */
export interface SyncResult {
  pushed: number;
  pulledChanges: number;
  pulledUploads: number;
}

const PUSH_BATCH = 500;

/** Sends queued local changes in order; each batch leaves the outbox only once the edge took it. */
export async function pushOutbox(db: TrueupDb, conn: EdgeConnection): Promise<number> {
  let pushed = 0;
  for (;;) {
    const batch = await db.outbox.orderBy('seq').limit(PUSH_BATCH).toArray();
    if (batch.length === 0) return pushed;
    await sendChanges(conn, batch.map((row) => row.change));
    await db.outbox.bulkDelete(batch.map((row) => row.seq).filter((seq): seq is number => seq !== undefined));
    pushed += batch.length;
  }
}

/** Pulls everyone's config changes since the saved cursor and merges them. */
export async function pullChanges(db: TrueupDb, conn: EdgeConnection): Promise<number> {
  let pulled = 0;
  for (;;) {
    const since = await getMeta(db, 'changesCursor');
    const page = await fetchChanges(conn, since);
    await db.transaction('rw', [...CONFIG_TABLES.map((t) => db.table(t)), db.clocks, db.meta], async () => {
      await applyChanges(db, page.changes);
      await setMeta(db, 'changesCursor', page.cursor);
    });
    pulled += page.changes.length;
    if (!page.more || page.changes.length === 0) return pulled;
  }
}

/**
 * Pulls uploads stored or replaced since the saved cursor. The next page is fetched while
 * the current one is written, so the network and IndexedDB work side by side.
 */
export async function pullUploads(db: TrueupDb, conn: EdgeConnection, limit?: number): Promise<number> {
  let pulled = 0;
  let next = fetchUploads(conn, await getMeta(db, 'uploadsCursor'), limit);
  for (;;) {
    const page = await next;
    const more = page.more && page.uploads.length > 0;
    if (more) {
      next = fetchUploads(conn, page.cursor, limit);
      next.catch(() => undefined); // a failure is raised when this page is awaited, after the current one is kept
    }
    await db.transaction('rw', [db.uploads, db.orgs, db.meta], async () => {
      await storeUploads(db, page.uploads);
      await setMeta(db, 'uploadsCursor', page.cursor);
    });
    pulled += page.uploads.length;
    if (!more) return pulled;
  }
}

/** One full round: push, then pull changes (which brings back invoice numbers), then uploads. */
export async function syncOnce(db: TrueupDb, conn: EdgeConnection): Promise<SyncResult> {
  const pushed = await pushOutbox(db, conn);
  const pulledChanges = await pullChanges(db, conn);
  const pulledUploads = await pullUploads(db, conn);
  return { pushed, pulledChanges, pulledUploads };
}
