import type { Upload } from '../../shared/schema/upload.ts';
import { sha256Hex } from '../auth/token.ts';
import { utf8Length } from './d1-limits.ts';
import { deflateText, fromHex, inflateText } from './deflate.ts';

// A module-day is one header row plus its orgs as JSON parts of at most PART_BYTES:
// D1 caps a row at 2 MB and a 5,000-org day of 21 metrics is ~3 MB of JSON. Measured
// on local D1 (workerd) for that day, against one row per org (which, at D1's 100
// bound parameters per statement, takes 314 statements): parts write in 70-110 ms
// with 9 statements versus 185-230 ms, and read back in about the same 60-110 ms.
// Sizes are UTF-8 bytes, as D1 counts them: 500-character CJK names weigh three times
// their length. One org (a 200-character id, a 500-character name, its metrics) is far
// below the cap, so a part never needs to split an org.
// Parts are stored as raw DEFLATE blobs (worker/store/deflate.ts): org JSON repeats its keys
// and billing types on every org, so a part shrinks 6-10 times; parts written before that are
// JSON text and are read as they are.
export const PART_BYTES = 900_000;

/** Orgs split into JSON arrays of at most PART_BYTES UTF-8 bytes; at least one (possibly empty) part. */
export function splitParts(upload: Upload): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const org of upload.orgs) {
    const text = JSON.stringify(org);
    const bytes = utf8Length(text);
    if (current.length > 0 && size + bytes + 1 > PART_BYTES) {
      parts.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += bytes + 1;
  }
  parts.push(`[${current.join(',')}]`);
  return parts;
}

export interface StoredUpload {
  module: string;
  date: string;
  orgs: number;
  status: 'stored' | 'unchanged';
  cursor: string;
}

/** Module-day keys as a JSON parameter for `json_each`. */
function keysJson(uploads: readonly Upload[]): string {
  return JSON.stringify(uploads.map((u) => [u.module, u.date]));
}

// Every write of a module-day is skipped inside the transaction when the stored one has
// the same hash, so an identical re-send changes nothing, not even the cursor.
const SAME = 'NOT EXISTS (SELECT 1 FROM uploads WHERE tenant_id = ?1 AND module = ?2 AND date = ?3 AND hash = ?4)';

/**
 * Module-days written per D1 batch (one transaction each). Every module-day is written whole
 * inside one batch, never split; a CSV of 400 days takes several batches, so the database
 * serves other tenants between them instead of waiting seconds for one tenant's write.
 */
const MODULE_DAYS_PER_BATCH = 4;

/**
 * Stores module-days, each replacing its module-day whole and atomically. Each changed
 * module-day takes the tenant's next seq in the same transaction, so a pull sees
 * replacements in commit order.
 */
export async function putUploads(db: D1Database, tenantId: string, uploads: readonly Upload[], now: string): Promise<StoredUpload[]> {
  const writeId = crypto.randomUUID();
  let statements: D1PreparedStatement[] = [];
  let inBatch = 0;
  for (const u of uploads) {
    const parts = splitParts(u);
    const hash = await sha256Hex(`${u.module}\n${u.date}\n${parts.join('\n')}`);
    const packed = await Promise.all(parts.map(deflateText));
    const key = [tenantId, u.module, u.date, hash] as const;
    statements.push(
      db.prepare(`UPDATE tenants SET seq = seq + 1 WHERE id = ?1 AND ${SAME}`).bind(...key),
      db.prepare(`DELETE FROM upload_parts WHERE tenant_id = ?1 AND module = ?2 AND date = ?3 AND ${SAME}`).bind(...key),
      ...packed.map((orgs, part) => db.prepare(`INSERT INTO upload_parts (tenant_id, module, date, part, orgs) SELECT ?1, ?2, ?3, ?5, ?6 WHERE ${SAME}`)
        .bind(...key, part, orgs)),
      db.prepare(
        `INSERT INTO uploads (tenant_id, module, date, seq, hash, org_count, parts, received_at, write_id)
         SELECT ?1, ?2, ?3, (SELECT seq FROM tenants WHERE id = ?1), ?4, ?5, ?6, ?7, ?8 WHERE ${SAME}
         ON CONFLICT (tenant_id, module, date) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
           org_count = excluded.org_count, parts = excluded.parts, received_at = excluded.received_at, write_id = excluded.write_id`,
      ).bind(...key, u.orgs.length, parts.length, now, writeId),
    );
    if (++inBatch === MODULE_DAYS_PER_BATCH) {
      await db.batch(statements);
      statements = [];
      inBatch = 0;
    }
  }
  statements.push(db.prepare(
    `SELECT module, date, seq, write_id FROM uploads WHERE tenant_id = ?1
       AND (module, date) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?2))`,
  ).bind(tenantId, keysJson(uploads)));
  const results = await db.batch<{ module: string; date: string; seq: number; write_id: string }>(statements);
  const rows = new Map((results[results.length - 1]?.results ?? []).map((r) => [`${r.module}\n${r.date}`, r]));
  return uploads.map((u) => {
    const row = rows.get(`${u.module}\n${u.date}`);
    return { module: u.module, date: u.date, orgs: u.orgs.length, status: row?.write_id === writeId ? 'stored' : 'unchanged', cursor: String(row?.seq ?? 0) };
  });
}

interface PullRow {
  module: string;
  date: string;
  seq: number;
  /** The part as JSON text, or as the hex of its DEFLATE blob when `packed`. */
  orgs: string | null;
  packed: number;
  /** Module-days stored after `since`, this page's among them. */
  pending: number;
}

/** Past this many orgs a pull page ends early (always after at least one module-day), to bound the answer's size. */
const PAGE_ORGS = 50_000;

/** What narrows a pull: days on or after `from`, days before `before`, stored at or before cursor `until`. */
export interface PullWindow {
  from?: string | undefined;
  before?: string | undefined;
  until?: number | undefined;
}

/**
 * The module-days stored or replaced after `since` (within `window`), oldest first, as the JSON text of
 * `{ uploads, cursor, more, remaining }` (`remaining`: module-days after this page, for progress). One statement reads headers and parts, so a page is one
 * consistent snapshot; parts are spliced as stored, never re-parsed.
 */
export async function pullUploads(db: D1Database, tenantId: string, since: number, limit: number, window: PullWindow = {}): Promise<string> {
  const within = 'date >= ?5 AND date < ?6 AND seq <= ?7';
  const { results } = await db.prepare(
    `WITH page AS (
       SELECT module, date, seq,
         ROW_NUMBER() OVER (ORDER BY seq) AS rn,
         SUM(org_count) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) - org_count AS before
       FROM uploads WHERE tenant_id = ?1 AND seq > ?2 AND ${within} ORDER BY seq LIMIT ?3 + 1)
     SELECT page.module, page.date, page.seq,
       CASE typeof(p.orgs) WHEN 'blob' THEN hex(p.orgs) ELSE p.orgs END AS orgs, typeof(p.orgs) = 'blob' AS packed,
       (SELECT COUNT(*) FROM uploads WHERE tenant_id = ?1 AND seq > ?2 AND ${within}) AS pending
     FROM page LEFT JOIN upload_parts p
       ON p.tenant_id = ?1 AND p.module = page.module AND p.date = page.date
      AND page.rn <= ?3 AND (page.rn = 1 OR page.before < ?4)
     ORDER BY page.seq, p.part`,
  ).bind(tenantId, since, limit, PAGE_ORGS, window.from ?? '', window.before ?? '9999-12-32', window.until ?? Number.MAX_SAFE_INTEGER).all<PullRow>();
  const days: { module: string; date: string; seq: number; parts: string[] }[] = [];
  let more = false;
  for (const row of results) {
    if (row.orgs === null) {
      more = true;
      break;
    }
    const text = row.packed ? await inflateText(fromHex(row.orgs)) : row.orgs;
    const last = days[days.length - 1];
    if (last && last.seq === row.seq) last.parts.push(text);
    else days.push({ module: row.module, date: row.date, seq: row.seq, parts: [text] });
  }
  const cursor = days.length > 0 ? days[days.length - 1]?.seq ?? since : since;
  const uploads = days.map((d) => {
    const orgs = d.parts.map((p) => p.slice(1, -1)).filter((p) => p !== '').join(',');
    return `{"module":${JSON.stringify(d.module)},"date":${JSON.stringify(d.date)},"orgs":[${orgs}]}`;
  });
  const remaining = Math.max(0, (results[0]?.pending ?? 0) - days.length);
  return `{"uploads":[${uploads.join(',')}],"cursor":"${cursor}","more":${more},"remaining":${remaining}}`;
}
