import { MAX_CLOCK_AHEAD_MS, type Change } from '../../shared/schema/changes.ts';
import { formatHlc, readHlc, receive, recoverHlc, type Hlc } from '../../shared/sync/hlc.ts';
import { formatInvoiceNumber, INVOICE_NUMBER } from '../../shared/posting/number.ts';
import { utf8Length } from './d1-limits.ts';
import { packFields, readStoredChange, type StoredChangeRow } from './change-fields.ts';

const EDGE = 'edge';
/** UTF-8 bytes of changes per insert statement: keeps each JSON parameter well under D1's 2 MB value cap. */
export const CHUNK_BYTES = 800_000;

/**
 * Changes as JSON arrays of at most CHUNK_BYTES UTF-8 bytes each (a change's fields weigh at
 * most 256 KiB), each change as [table, id, fields as stored, clock, origin, packed blob as hex or null].
 */
export async function chunks(changes: readonly Change[]): Promise<string[]> {
  const out: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const ch of changes) {
    const { fields, packed } = await packFields(ch.fields);
    const text = JSON.stringify([ch.table, ch.id, fields, ch.hlc, ch.origin, packed]);
    const bytes = utf8Length(text);
    if (current.length > 0 && size + bytes + 1 > CHUNK_BYTES) {
      out.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += bytes + 1;
  }
  if (current.length > 0) out.push(`[${current.join(',')}]`);
  return out;
}

/**
 * The stored clock of a tenant, healed when unreadable (see recoverHlc). A clock further
 * ahead of `now` than a change may be (adopted from a far-ahead change before such changes
 * were refused) is not followed either, or every browser would follow it.
 */
function storedClock(text: string | undefined, now: number): Hlc {
  const clock = recoverHlc(text ?? '', EDGE);
  return clock.millis <= now + MAX_CLOCK_AHEAD_MS ? clock : { millis: 0, counter: 0, origin: EDGE };
}

/** The edge's next clock: after its last one, every incoming clock and wall time. */
export async function nextEdgeClock(db: D1Database, tenantId: string, incoming: readonly Change[], now: number): Promise<string> {
  const row = await db.prepare('SELECT clock FROM tenants WHERE id = ?').bind(tenantId).first<{ clock: string }>();
  let clock = storedClock(row?.clock, now);
  for (const ch of incoming) {
    const remote = readHlc(ch.hlc);
    if (remote) clock = receive(clock, remote, now);
  }
  return formatHlc(receive(clock, clock, now));
}

/** The same change (record, clock and value) once: a re-push within one batch. */
function distinct(changes: readonly Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((ch) => {
    const key = JSON.stringify([ch.table, ch.id, ch.hlc, ch.fields]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Statements that append changes, in order, each with the tenant's next seq. A change
 * already stored with the same value is skipped (pushes are idempotent); one with the same
 * record and clock but another value is kept too, so every browser sees both and the
 * shared tie rule (shared/sync/merge.ts) picks the same winner everywhere.
 */
export async function appendChanges(db: D1Database, tenantId: string, changes: readonly Change[]): Promise<D1PreparedStatement[]> {
  return (await chunks(distinct(changes))).flatMap((json) => [
    db.prepare(
      `INSERT INTO changes (tenant_id, seq, tbl, record_id, fields, packed, hlc, origin)
       SELECT ?1, (SELECT seq FROM tenants WHERE id = ?1) + j.key + 1,
              j.value ->> 0, j.value ->> 1, j.value -> 2, unhex(j.value ->> 5), j.value ->> 3, j.value ->> 4
       FROM json_each(?2) j
       WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.tenant_id = ?1 AND c.tbl = j.value ->> 0
         AND c.record_id = j.value ->> 1 AND c.hlc = j.value ->> 3 AND c.fields = j.value -> 2
         AND c.packed IS unhex(j.value ->> 5))`,
    ).bind(tenantId, json),
    db.prepare('UPDATE tenants SET seq = seq + json_array_length(?2) WHERE id = ?1').bind(tenantId, json),
  ]);
}

/** Invoices a push posts: table invoices, status set to posted. */
function postedInvoices(changes: readonly Change[]): string[] {
  const ids = changes.filter((ch) => ch.table === 'invoices' && ch.fields.status === 'posted').map((ch) => ch.id);
  return [...new Set(ids)];
}

export interface PushResult {
  accepted: number;
  cursor: string;
  numbers: Record<string, string>;
}


/**
 * Appends pushed changes and numbers newly posted invoices, all in one transaction:
 * the next numbers of the tenant's gapless sequence, each announced by an edge change
 * `{ table: invoices, id, fields: { number } }` stamped after the incoming clocks.
 */
/** `now` is the edge's clock (worker/clock.ts). */
export async function pushChanges(db: D1Database, tenantId: string, changes: readonly Change[], now: number): Promise<PushResult> {
  const posted = JSON.stringify(postedInvoices(changes));
  const clock = await nextEdgeClock(db, tenantId, changes, now);
  const assignedAt = new Date(now).toISOString();
  const statements = [
    ...await appendChanges(db, tenantId, changes),
    db.prepare(
      `INSERT INTO invoice_numbers (tenant_id, invoice_id, n, announced, assigned_at)
       SELECT ?1, f.id, (SELECT COALESCE(MAX(n), 0) FROM invoice_numbers WHERE tenant_id = ?1) + ROW_NUMBER() OVER (ORDER BY f.k), 0, ?3
       FROM (SELECT j.key AS k, j.value AS id FROM json_each(?2) j
             WHERE j.value NOT IN (SELECT invoice_id FROM invoice_numbers WHERE tenant_id = ?1)) f`,
    ).bind(tenantId, posted, assignedAt),
    db.prepare(
      `INSERT INTO changes (tenant_id, seq, tbl, record_id, fields, hlc, origin)
       SELECT ?1, (SELECT seq FROM tenants WHERE id = ?1) + ROW_NUMBER() OVER (ORDER BY n), 'invoices', invoice_id,
              json_object('number', ?3 || printf('%0' || ?4 || 'd', n)), ?2, 'edge'
       FROM invoice_numbers WHERE tenant_id = ?1 AND announced = 0`,
    ).bind(tenantId, clock, INVOICE_NUMBER.prefix, INVOICE_NUMBER.digits),
    db.prepare(`UPDATE tenants SET seq = seq + (SELECT COUNT(*) FROM invoice_numbers WHERE tenant_id = ?1 AND announced = 0),
                clock = MAX(clock, ?2) WHERE id = ?1`).bind(tenantId, clock),
    db.prepare('UPDATE invoice_numbers SET announced = 1 WHERE tenant_id = ? AND announced = 0').bind(tenantId),
  ];
  await db.batch(statements);
  const [numbers, seq] = await db.batch<{ invoice_id: string; n: number } | { seq: number }>([
    db.prepare('SELECT invoice_id, n FROM invoice_numbers WHERE tenant_id = ?1 AND invoice_id IN (SELECT value FROM json_each(?2))').bind(tenantId, posted),
    db.prepare('SELECT seq FROM tenants WHERE id = ?').bind(tenantId),
  ]);
  const assigned: Record<string, string> = {};
  for (const row of numbers?.results ?? []) if ('invoice_id' in row) assigned[row.invoice_id] = formatInvoiceNumber(row.n);
  const cursorRow = seq?.results[0];
  return { accepted: changes.length, cursor: String(cursorRow && 'seq' in cursorRow ? cursorRow.seq : 0), numbers: assigned };
}

/** Everyone's changes after the cursor, in stored order. */
export async function pullChanges(db: D1Database, tenantId: string, since: number, limit: number): Promise<{ changes: Change[]; cursor: string; more: boolean }> {
  const { results } = await db.prepare(
    `SELECT seq, tbl, record_id, fields, hex(packed) AS packed, hlc, origin FROM changes
     WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  ).bind(tenantId, since, limit + 1).all<StoredChangeRow & { seq: number }>();
  const page = results.slice(0, limit);
  const last = page[page.length - 1];
  return {
    changes: await Promise.all(page.map(readStoredChange)),
    cursor: String(last ? last.seq : since),
    more: results.length > limit,
  };
}
