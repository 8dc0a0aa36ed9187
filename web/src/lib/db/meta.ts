// Small local facts kept beside the data: this browser's origin id and clock, the sync
// cursors, the edge connection and the last sync outcome. None of it syncs.
import type { Json } from '../../../../shared/sync/merge.ts';
import type { TrueupDb } from './database.ts';

export interface MetaKeys {
  /** This browser's id in clocks and changes. */
  origin: string;
  /** The last hybrid logical clock issued or seen here. */
  hlc: string;
  uploadsCursor: string;
  /**
   * A first pull's older module-days still to pull (sync/client.ts pullHistory): days before
   * `before` stored at or before cursor `until`, pulled after `since` so far; `total` for progress.
   */
  uploadsHistory: { before: string; until: string; since: string; done: number; total: number | null };
  /** Moves with every write to config, invoices or usage (see data-version.ts). */
  dataVersion: number;
  /** The data version of the last write of usage (storeUploads). */
  usageVersion: number;
  changesCursor: string;
  /** Where the edge is; empty means the app's own origin. */
  edgeUrl: string;
  adminToken: string;
  /** ISO time of the last sync that finished without error. */
  lastSyncAt: string;
  /** What went wrong in the last sync, in words for people; empty when it worked. */
  lastSyncError: string;
}

/** Reads one meta value, or undefined when it was never written. */
export async function getMeta<K extends keyof MetaKeys>(db: TrueupDb, key: K): Promise<MetaKeys[K] | undefined> {
  const row = await db.meta.get(key);
  return row === undefined ? undefined : (row.value as MetaKeys[K]);
}

/** Writes one meta value. */
export async function setMeta<K extends keyof MetaKeys>(db: TrueupDb, key: K, value: MetaKeys[K]): Promise<void> {
  await db.meta.put({ key, value: value as Json });
}
