import type { Upload } from '../../shared/schema/upload.ts';
import { sha256Hex } from '../auth/token.ts';

// A module-day is one header row plus its orgs as JSON parts of at most PART_BYTES:
// D1 caps a row at 2 MB and a 5,000-org day of 21 metrics is ~3 MB. Measured against
// one row per org (5,000 inserts of 100-parameter-capped statements), a few JSON parts
// write ~20× fewer statements and a pull reads them back without reassembling rows.
const PART_BYTES = 900_000;

/** Orgs split into JSON arrays of bounded size; at least one (possibly empty) part. */
function splitParts(upload: Upload): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const org of upload.orgs) {
    const text = JSON.stringify(org);
    if (current.length > 0 && size + text.length + 1 > PART_BYTES) {
      parts.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += text.length + 1;
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

/**
 * Stores module-days, each replacing its module-day whole, in one atomic batch. Each
 * changed module-day takes the tenant's next seq in the same transaction, so a pull
 * sees replacements in commit order; an identical re-send writes nothing.
 */
export async function putUploads(db: D1Database, tenantId: string, uploads: readonly Upload[]): Promise<StoredUpload[]> {
  const prepared = await Promise.all(uploads.map(async (u) => {
    const parts = splitParts(u);
    return { upload: u, parts, hash: await sha256Hex(`${u.module}\n${u.date}\n${parts.join('\n')}`) };
  }));
  const keys = JSON.stringify(uploads.map((u) => [u.module, u.date]));
  const { results: existing } = await db.prepare(
    `SELECT module, date, hash, seq FROM uploads WHERE tenant_id = ?1
       AND (module, date) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?2))`,
  ).bind(tenantId, keys).all<{ module: string; date: string; hash: string; seq: number }>();
  const known = new Map(existing.map((r) => [`${r.module}\n${r.date}`, r]));

  const now = new Date().toISOString();
  const statements: D1PreparedStatement[] = [];
  const changed: { module: string; date: string }[] = [];
  for (const { upload: u, parts, hash } of prepared) {
    if (known.get(`${u.module}\n${u.date}`)?.hash === hash) continue;
    changed.push(u);
    statements.push(
      db.prepare('UPDATE tenants SET seq = seq + 1 WHERE id = ?').bind(tenantId),
      db.prepare(
        `INSERT INTO uploads (tenant_id, module, date, seq, hash, org_count, parts, received_at)
         VALUES (?1, ?2, ?3, (SELECT seq FROM tenants WHERE id = ?1), ?4, ?5, ?6, ?7)
         ON CONFLICT (tenant_id, module, date) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
           org_count = excluded.org_count, parts = excluded.parts, received_at = excluded.received_at`,
      ).bind(tenantId, u.module, u.date, hash, u.orgs.length, parts.length, now),
      db.prepare('DELETE FROM upload_parts WHERE tenant_id = ? AND module = ? AND date = ?').bind(tenantId, u.module, u.date),
      ...parts.map((orgs, part) => db.prepare('INSERT INTO upload_parts (tenant_id, module, date, part, orgs) VALUES (?, ?, ?, ?, ?)')
        .bind(tenantId, u.module, u.date, part, orgs)),
    );
  }
  let seqs = new Map<string, number>();
  if (statements.length > 0) {
    await db.batch(statements);
    const { results } = await db.prepare(
      `SELECT module, date, seq FROM uploads WHERE tenant_id = ?1
         AND (module, date) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?2))`,
    ).bind(tenantId, JSON.stringify(changed.map((u) => [u.module, u.date]))).all<{ module: string; date: string; seq: number }>();
    seqs = new Map(results.map((r) => [`${r.module}\n${r.date}`, r.seq]));
  }
  return uploads.map((u) => {
    const key = `${u.module}\n${u.date}`;
    const fresh = seqs.get(key);
    return {
      module: u.module,
      date: u.date,
      orgs: u.orgs.length,
      status: fresh === undefined ? 'unchanged' : 'stored',
      cursor: String(fresh ?? known.get(key)?.seq ?? 0),
    };
  });
}

interface PullRow {
  module: string;
  date: string;
  seq: number;
  orgs: string | null;
}

/** Past this many orgs a pull page ends early (always after at least one module-day), to bound the answer's size. */
const PAGE_ORGS = 50_000;

/**
 * The module-days stored or replaced after `since`, oldest first, as the JSON text of
 * `{ uploads, cursor, more }`. One statement reads headers and parts, so a page is one
 * consistent snapshot; parts are spliced as stored, never re-parsed.
 */
export async function pullUploads(db: D1Database, tenantId: string, since: number, limit: number): Promise<string> {
  const { results } = await db.prepare(
    `WITH page AS (
       SELECT module, date, seq,
         ROW_NUMBER() OVER (ORDER BY seq) AS rn,
         SUM(org_count) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) - org_count AS before
       FROM uploads WHERE tenant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3 + 1)
     SELECT page.module, page.date, page.seq, p.orgs
     FROM page LEFT JOIN upload_parts p
       ON p.tenant_id = ?1 AND p.module = page.module AND p.date = page.date
      AND page.rn <= ?3 AND (page.rn = 1 OR page.before < ?4)
     ORDER BY page.seq, p.part`,
  ).bind(tenantId, since, limit, PAGE_ORGS).all<PullRow>();
  const days: { module: string; date: string; seq: number; parts: string[] }[] = [];
  let more = false;
  for (const row of results) {
    if (row.orgs === null) {
      more = true;
      break;
    }
    const last = days[days.length - 1];
    if (last && last.seq === row.seq) last.parts.push(row.orgs);
    else days.push({ module: row.module, date: row.date, seq: row.seq, parts: [row.orgs] });
  }
  const cursor = days.length > 0 ? days[days.length - 1]?.seq ?? since : since;
  const uploads = days.map((d) => {
    const orgs = d.parts.map((p) => p.slice(1, -1)).filter((p) => p !== '').join(',');
    return `{"module":${JSON.stringify(d.module)},"date":${JSON.stringify(d.date)},"orgs":[${orgs}]}`;
  });
  return `{"uploads":[${uploads.join(',')}],"cursor":"${cursor}","more":${more}}`;
}
