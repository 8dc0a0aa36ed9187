// Rows stored before compact storage (migration 0006) are JSON text: the nightly run rewrites a
// bounded number of them in the compact form each time (docs/edge-storage.md), so an existing
// tenant shrinks over a few nights without one long write. A rewrite keeps what is served
// exactly the same, and is skipped when the row changed since it was read.
import type { Json } from '../../shared/sync/merge.ts';
import { packFields } from './change-fields.ts';
import { deflateText } from './deflate.ts';

export interface RepackResult {
  changes: number;
  parts: number;
}

/** Change rows read per step (each at most ~256 KiB of fields). */
const CHANGES_PER_STEP = 50;
/** Upload parts read per step (each at most ~900 KB), so a step stays well inside a Worker's memory. */
const PARTS_PER_STEP = 4;

/** Rewrites up to `limit` change rows and `limit` upload parts stored as JSON text, in one pass over each table. */
export async function repackStored(db: D1Database, limit: number): Promise<RepackResult> {
  let changes = 0;
  for (let after = 0; changes < limit;) {
    const { results } = await db.prepare(
      `SELECT rowid AS row, tenant_id, seq, fields FROM changes
       WHERE rowid > ?1 AND packed IS NULL AND typeof(fields) = 'text' AND LENGTH(CAST(fields AS BLOB)) >= 1024
       ORDER BY rowid LIMIT ?2`,
    ).bind(after, CHANGES_PER_STEP).all<{ row: number; tenant_id: string; seq: number; fields: string }>();
    if (results.length === 0) break;
    after = results[results.length - 1]?.row ?? after;
    const updates: D1PreparedStatement[] = [];
    for (const row of results) {
      const packed = await packFields(JSON.parse(row.fields) as Record<string, Json>);
      if (!packed.packed) continue;
      updates.push(db.prepare(
        'UPDATE changes SET fields = json(?1), packed = unhex(?2) WHERE tenant_id = ?3 AND seq = ?4 AND packed IS NULL AND fields = ?5',
      ).bind(JSON.stringify(packed.fields), packed.packed, row.tenant_id, row.seq, row.fields));
    }
    if (updates.length > 0) await db.batch(updates);
    changes += updates.length;
  }
  let parts = 0;
  for (let after = 0; parts < limit;) {
    const { results } = await db.prepare(
      `SELECT rowid AS row, tenant_id, module, date, part, orgs FROM upload_parts
       WHERE rowid > ?1 AND typeof(orgs) = 'text' ORDER BY rowid LIMIT ?2`,
    ).bind(after, PARTS_PER_STEP).all<{ row: number; tenant_id: string; module: string; date: string; part: number; orgs: string }>();
    if (results.length === 0) break;
    after = results[results.length - 1]?.row ?? after;
    const updates: D1PreparedStatement[] = [];
    for (const row of results) {
      updates.push(db.prepare(
        'UPDATE upload_parts SET orgs = ?1 WHERE tenant_id = ?2 AND module = ?3 AND date = ?4 AND part = ?5 AND orgs = ?6',
      ).bind(await deflateText(row.orgs), row.tenant_id, row.module, row.date, row.part, row.orgs));
    }
    await db.batch(updates);
    parts += updates.length;
  }
  return { changes, parts };
}
