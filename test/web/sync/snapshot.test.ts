// A new browser's first sync from the edge's snapshot against a real local edge (wrangler dev
// on a fresh D1), browsers played by Dexie databases on fake-indexeddb: it ends in exactly the
// state (records, posted invoices' frozen days and per-field clocks) of a browser that replays
// the whole change log, though the snapshot brings the days packed.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { droppingAfter } from '../../support/dropping-edge.ts';
import type { Change } from '../../../shared/schema/changes.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { recordEdits } from '../../../web/src/lib/db/changes.ts';
import { getMeta, setMeta } from '../../../web/src/lib/db/meta.ts';
import { pullChanges, pushOutbox, type SyncProgress } from '../../../web/src/lib/sync/client.ts';
import { EdgeError, type EdgeConnection } from '../../../web/src/lib/sync/edge.ts';
import { mergeState } from '../../support/db-state.ts';
import { postedInvoiceFields } from '../../worker/support/scaled-msp.ts';
import type { DailyQuantity } from '../../../shared/schema/invoice.ts';
import type { Json } from '../../../shared/sync/merge.ts';
import { loadInvoices } from '../../../web/src/lib/db/invoices.ts';

let edge: EdgeServer;
let conn: EdgeConnection;
let n = 0;
const browser = () => new TrueupDb(`snapshot-test-${++n}-${Date.now()}`);
const T0 = Date.parse('2026-09-01T09:00:00Z');

type Line = Record<string, Json>;
const linesOf = (account: number): Line[] => postedInvoiceFields(account, '2026-08', '2026-09-01T09:00:00.000Z').lines as Line[];
const daysOf = (line: Line | undefined) => (line?.daily ?? []) as DailyQuantity[];
// inv-1: four lines of August's days (12 KB as the log has them). inv-2: b later posts a
// correction of its lines, the last days of one estimated and another skipping the 15th (a gap
// does not pack).
const INV1_LINES = linesOf(1);
const INV2_LINES = linesOf(2);
const INV2_CORRECTED = linesOf(3).map((line, k) => (
  k === 0 ? { ...line, daily: daysOf(line).map((d, i) => ({ ...d, estimated: i > 27 })) as unknown as Json }
  : k === 1 ? { ...line, daily: daysOf(line).filter((d) => d.date !== '2026-08-15') as unknown as Json }
  : line));

beforeAll(async () => {
  edge = await startEdge();
  conn = { baseUrl: edge.url, token: edge.adminToken };
  // Two browsers edit the same records over a day; each pushes after its edits.
  const a = browser();
  const b = browser();
  await recordEdits(a, [
    { table: 'accounts', id: 'acct-1', fields: { name: 'Brass Building Supplies', deleted: false } },
    { table: 'accounts', id: 'acct-2', fields: { name: 'Cedar Dental', deleted: false } },
    { table: 'accounts', id: 'acct-3', fields: { name: 'Rosewood Farms', deleted: false } },
    { table: 'invoices', id: 'inv-1', fields: { accountId: 'acct-1', period: '2026-08', status: 'posted', number: null, total: '50.00', lines: INV1_LINES, deleted: false } },
    { table: 'invoices', id: 'inv-2', fields: { accountId: 'acct-2', period: '2026-08', status: 'posted', number: null, total: '70.00', lines: INV2_LINES, deleted: false } },
  ], T0);
  await pushOutbox(a, conn);
  await recordEdits(b, [
    { table: 'accounts', id: 'acct-1', fields: { name: 'Brass Building Supplies Ltd' } },
    { table: 'invoices', id: 'inv-2', fields: { lines: INV2_CORRECTED, total: '72.00' } },
  ], T0 + 60_000);
  await recordEdits(a, [
    { table: 'accounts', id: 'acct-2', fields: { name: 'Cedar Dental Group' } },
    { table: 'accounts', id: 'acct-3', fields: { deleted: true } },
    { table: 'invoices', id: 'inv-1', fields: { status: 'voided', voidedAt: '2026-09-01T10:00:00.000Z' } },
  ], T0 + 120_000);
  await pushOutbox(b, conn);
  await pushOutbox(a, conn);
  // A replayed client reusing a clock for another value: a tie the larger encoding wins everywhere.
  const tie: Change = { table: 'accounts', id: 'acct-2', fields: { name: 'Cedar Dental Group (tie)' }, hlc: `${String(T0 + 120_000).padStart(15, '0')}-000000-browser-x`, origin: 'browser-x' };
  const again: Change = { ...tie, fields: { name: 'Cedar Dental Group (tie, other value)' } };
  for (const changes of [[tie], [again]]) {
    const response = await fetch(`${edge.url}/v1/changes`, { method: 'POST', headers: { authorization: `Bearer ${edge.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ changes }) });
    expect(response.status).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await edge?.stop();
});

const state = mergeState;

/** A browser that replays the whole log: it had pulled once before snapshots existed (cursor 0). */
async function replayed(): Promise<TrueupDb> {
  const db = browser();
  await setMeta(db, 'changesCursor', '0');
  await pullChanges(db, conn);
  return db;
}

describe('a new browser\'s first sync', () => {
  it('starts from the snapshot and ends exactly where replaying the log ends, showing progress', async () => {
    const fresh = browser();
    const progress: SyncProgress[] = [];
    const asked: string[] = [];
    const watching: EdgeConnection = { ...conn, fetch: async (input, init) => { asked.push(new URL(String(input)).pathname); return fetch(input, init); } };
    await pullChanges(fresh, watching, (p) => progress.push(p), 2);
    const replay = await replayed();
    expect(await state(fresh)).toEqual(await state(replay));
    expect((await fresh.accounts.get('acct-2'))?.name).toBe('Cedar Dental Group (tie, other value)');
    expect((await fresh.accounts.get('acct-3'))?.deleted).toBe(true);
    expect((await fresh.invoices.get('inv-1'))).toMatchObject({ status: 'voided', number: 'INV-000001' });
    // Four snapshot pages of two records, then the log from the snapshot's cursor (nothing new).
    expect(asked).toEqual(['/v1/snapshot', '/v1/snapshot', '/v1/snapshot', '/v1/changes']);
    expect(progress).toEqual([
      { phase: 'changes', done: 2, total: 5, invoices: { done: 0, total: 2 } },
      { phase: 'changes', done: 4, total: 5, invoices: { done: 1, total: 2 } },
      { phase: 'changes', done: 5, total: 5, invoices: { done: 2, total: 2 } },
    ]);
    expect(await getMeta(fresh, 'changesCursor')).toBe(await getMeta(replay, 'changesCursor'));
  });

  it('stores posted invoices\' days, which the snapshot brings packed, exactly as replaying the log stores them', async () => {
    const snapshotDays: unknown[] = [];
    const watching: EdgeConnection = {
      ...conn,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (new URL(String(input)).pathname !== '/v1/snapshot') return response;
        const page = await response.clone().json() as { changes: { table: string; fields: { lines?: Line[] } }[] };
        for (const c of page.changes) if (c.table === 'invoices') for (const line of c.fields.lines ?? []) snapshotDays.push(line.daily);
        return response;
      },
    };
    const fresh = browser();
    await pullChanges(fresh, watching, undefined, 2);
    const replay = browser();
    await setMeta(replay, 'changesCursor', '0');
    await pullChanges(replay, conn);
    // The snapshot did bring the days packed: each list that packs as one date and the quantities.
    expect(snapshotDays.filter((days) => !Array.isArray(days))).toHaveLength(7);
    expect(snapshotDays.filter((days) => Array.isArray(days))).toEqual([INV2_CORRECTED[1]?.daily]);
    // The invoice rows and their days as stored, and the whole invoices read back, are the replay's.
    expect(await fresh.invoices.orderBy('id').toArray()).toEqual(await replay.invoices.orderBy('id').toArray());
    expect(await fresh.invoiceDaily.orderBy('id').toArray()).toEqual(await replay.invoiceDaily.orderBy('id').toArray());
    const whole = await loadInvoices(fresh, ['inv-1', 'inv-2']);
    expect(whole).toEqual(await loadInvoices(replay, ['inv-1', 'inv-2']));
    expect(whole.map((invoice) => invoice?.lines.map((line) => line.daily))).toEqual([INV1_LINES.map(daysOf), INV2_CORRECTED.map(daysOf)]);
    expect(await state(fresh)).toEqual(await state(replay));
  });

  it('resumes an interrupted snapshot at the page it stopped before, and still ends like the log', async () => {
    const db = browser();
    const flaky = droppingAfter(conn, '/v1/snapshot', 1);
    await expect(pullChanges(db, flaky, undefined, 2)).rejects.toBeInstanceOf(EdgeError);
    expect(await db.accounts.count()).toBe(2);
    expect(await getMeta(db, 'changesCursor')).toBeUndefined();
    const resumed: string[] = [];
    const counting: EdgeConnection = { ...conn, fetch: async (input, init) => { resumed.push(new URL(String(input)).searchParams.get('after') ?? ''); return fetch(input, init); } };
    await pullChanges(db, counting, undefined, 2);
    expect(resumed[0]).toMatch(/~accounts~acct-2$/);
    expect(await state(db)).toEqual(await state(await replayed()));
  });

  it('keeps local edits made before it: they are pushed, and the snapshot merges around them', async () => {
    const db = browser();
    await recordEdits(db, [{ table: 'accounts', id: 'acct-local', fields: { name: 'Made offline', deleted: false } }], T0 + 180_000);
    await pushOutbox(db, conn);
    await pullChanges(db, conn);
    expect((await db.accounts.get('acct-local'))?.name).toBe('Made offline');
    expect(await state(db)).toEqual(await state(await replayed()));
  });
});
