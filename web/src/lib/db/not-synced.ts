// Local changes the edge refused. They leave the outbox (which is pushed in order, so one
// refused change would otherwise block every later edit forever) and wait here, visible to
// the admin with the edge's reason. The edit stays applied in this browser only.
import type { TrueupDb } from './database.ts';
import type { NotSyncedRow, OutboxRow } from './rows.ts';

/** Moves outbox rows to the not-synced list, each with its reason, in one transaction. */
export async function setAside(db: TrueupDb, refused: readonly { row: OutboxRow; reason: string }[], at = new Date().toISOString()): Promise<void> {
  if (refused.length === 0) return;
  await db.transaction('rw', [db.outbox, db.notSynced], async () => {
    await db.notSynced.bulkAdd(refused.map(({ row, reason }) => ({ change: row.change, reason, at })));
    await db.outbox.bulkDelete(refused.map(({ row }) => row.seq).filter((seq): seq is number => seq !== undefined));
  });
}

/** The changes that were set aside, oldest first. */
export async function notSyncedChanges(db: TrueupDb): Promise<NotSyncedRow[]> {
  return db.notSynced.orderBy('seq').toArray();
}
