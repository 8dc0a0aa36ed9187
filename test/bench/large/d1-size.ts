// How much a loaded year takes in D1: the local SQLite files wrangler keeps for it, and the
// pages SQLite itself counts (dbstat), in total and per table with its indexes.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sqliteFiles } from './cache.ts';

export interface D1Size {
  fileMiB: number;
  files: { path: string; mib: number }[];
  /** SUM(pgsize) FROM dbstat of the largest file (the tenant data), or null where dbstat is not compiled in. */
  dbstatMiB: number | null;
  tables: Record<string, number> | null;
}

const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

/** Measures a persistence folder once wrangler has let go of it. */
export async function d1Size(persistDir: string): Promise<D1Size> {
  const files = await sqliteFiles(persistDir);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const largest = [...files].filter((f) => f.path.endsWith('.sqlite')).sort((a, b) => b.bytes - a.bytes)[0];
  let dbstatMiB: number | null = null;
  let tables: Record<string, number> | null = null;
  if (largest) {
    try {
      const db = new DatabaseSync(join(persistDir, largest.path), { readOnly: true });
      try {
        const sum = db.prepare('SELECT SUM(pgsize) AS bytes FROM dbstat').get() as { bytes: number };
        dbstatMiB = mib(sum.bytes);
        // An index counts with its table, so the figure says what each kind of record costs.
        const rows = db.prepare(`SELECT COALESCE(m.tbl_name, s.name) AS name, SUM(s.pgsize) AS bytes FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1 ORDER BY 2 DESC`).all() as { name: string; bytes: number }[];
        tables = Object.fromEntries(rows.filter((r) => r.bytes >= 2 ** 20 / 10).map((r) => [r.name, mib(r.bytes)]));
      } finally {
        db.close();
      }
    } catch {
      // no dbstat in this SQLite build: the file sizes stand alone
    }
  }
  return { fileMiB: mib(total), files: files.map((f) => ({ path: f.path, mib: mib(f.bytes) })), dbstatMiB, tables };
}
