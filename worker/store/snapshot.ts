import type { SnapshotPage } from '../../shared/schema/api.ts';
import type { Change } from '../../shared/schema/changes.ts';
import { packLinesDays } from '../../shared/invoice/packed-days.ts';
import { compactChanges } from '../../shared/sync/snapshot.ts';
import { readStoredChange, type StoredChangeRow } from './change-fields.ts';

/** Where the previous page ended, read from its `after`. */
interface After {
  cursor: number;
  table: string;
  id: string;
}

function readAfter(text: string): After {
  const first = text.indexOf('~');
  const second = text.indexOf('~', first + 1);
  return { cursor: Number(text.slice(0, first)), table: text.slice(first + 1, second), id: text.slice(second + 1) };
}

/**
 * A posted invoice's lines with their daily quantities packed (shared/invoice/packed-days.ts):
 * the 31 day objects of each line are most of a large MSP's snapshot (480 MB; 165 MB with
 * them packed). The browser stores them packed anyway; the log and D1 keep them as pushed.
 */
function packedDays(change: Change): Change {
  if (change.table !== 'invoices' || change.fields.lines === undefined) return change;
  const lines = packLinesDays(change.fields.lines);
  return lines === change.fields.lines ? change : { ...change, fields: { ...change.fields, lines } };
}

/**
 * A page of the compacted change log (shared/sync/snapshot.ts), `limit` records in (table, id)
 * order, as of the tenant's change cursor when the first page was served: later changes are
 * left to GET /v1/changes. Each page is read in one statement (a consistent view); pages of one
 * snapshot agree because the log below its cursor never changes. Invoices' daily quantities
 * come packed (see packedDays).
 */
export async function snapshotPage(db: D1Database, tenantId: string, after: string | undefined, limit: number): Promise<SnapshotPage> {
  const from = after ? readAfter(after) : null;
  // The first page (no cursor yet) fixes it in the same transaction that reads it.
  const cursorSql = 'CASE WHEN ?2 > 0 THEN ?2 ELSE (SELECT seq FROM tenants WHERE id = ?1) END';
  const page = db.prepare(
    `WITH recs AS (
       SELECT DISTINCT tbl, record_id FROM changes
       WHERE tenant_id = ?1 AND (tbl, record_id) > (?3, ?4) AND seq <= ${cursorSql}
       ORDER BY tbl, record_id LIMIT ?5 + 1)
     SELECT c.tbl, c.record_id, c.fields, hex(c.packed) AS packed, c.hlc, c.origin
     FROM recs JOIN changes c ON c.tenant_id = ?1 AND c.tbl = recs.tbl AND c.record_id = recs.record_id AND c.seq <= ${cursorSql}
     ORDER BY c.tbl, c.record_id, c.hlc, c.seq`,
  ).bind(tenantId, from?.cursor ?? 0, from?.table ?? '', from?.id ?? '', limit);
  let cursor = from?.cursor ?? 0;
  let totals: Record<string, number> | undefined;
  let rows: StoredChangeRow[];
  if (from) {
    rows = (await page.all<StoredChangeRow>()).results;
  } else {
    const [seq, counts, read] = await db.batch<unknown>([
      db.prepare('SELECT seq FROM tenants WHERE id = ?1').bind(tenantId),
      db.prepare(
        `SELECT tbl, COUNT(*) AS records FROM (SELECT DISTINCT tbl, record_id FROM changes
           WHERE tenant_id = ?1 AND seq <= (SELECT seq FROM tenants WHERE id = ?1)) GROUP BY tbl`,
      ).bind(tenantId),
      page,
    ]);
    cursor = (seq?.results[0] as { seq: number } | undefined)?.seq ?? 0;
    totals = Object.fromEntries((counts?.results as { tbl: string; records: number }[] | undefined ?? []).map((r) => [r.tbl, r.records]));
    rows = (read?.results ?? []) as StoredChangeRow[];
  }
  // Rows come grouped by record; keep `limit` records, the one past them only says there is more.
  const records: StoredChangeRow[][] = [];
  for (const row of rows) {
    const last = records[records.length - 1];
    const head = last?.[0];
    if (last && head && head.tbl === row.tbl && head.record_id === row.record_id) last.push(row);
    else records.push([row]);
  }
  const more = records.length > limit;
  const served = records.slice(0, limit);
  const changes: Change[] = [];
  for (const record of served) {
    for (const change of compactChanges(await Promise.all(record.map(readStoredChange)))) changes.push(packedDays(change));
  }
  const lastRecord = served[served.length - 1]?.[0];
  return {
    changes,
    records: served.length,
    ...(totals ? { totals } : {}),
    cursor: String(cursor),
    after: more && lastRecord ? `${cursor}~${lastRecord.tbl}~${lastRecord.record_id}` : null,
    more,
  };
}
