// Where an interrupted first sync stands: the snapshot's next page and its counts, kept in the
// meta table (beside the cursors, never synced) in the same transaction as each stored page.
import type { TrueupDb } from '../db/database.ts';

const KEY = 'snapshotProgress';

export interface SnapshotState {
  /** The `after` of the next page to fetch. */
  after: string;
  /** Records per table in the whole snapshot, from its first page. */
  totals: Record<string, number>;
  /** Records stored so far, all tables and invoices alone. */
  done: number;
  invoices: number;
}

function isState(value: unknown): value is SnapshotState {
  return typeof value === 'object' && value !== null && 'after' in value && typeof value.after === 'string'
    && 'totals' in value && typeof value.totals === 'object' && value.totals !== null
    && 'done' in value && typeof value.done === 'number' && 'invoices' in value && typeof value.invoices === 'number';
}

export async function readSnapshotState(db: TrueupDb): Promise<SnapshotState | null> {
  const row = await db.meta.get(KEY);
  return row && isState(row.value) ? row.value : null;
}

/** Saves the next page to fetch, or clears it once the snapshot is stored whole. */
export async function writeSnapshotState(db: TrueupDb, state: SnapshotState | null): Promise<void> {
  if (state) await db.meta.put({ key: KEY, value: { ...state } });
  else await db.meta.delete(KEY);
}
