// GET /v1/snapshot: the compacted change log a new browser starts from. Merging it gives
// exactly what merging the whole log gives (values and clocks, per record), on a history
// with overwrites, deletes, ties at one clock and the edge's invoice numbers; posted
// invoices' daily quantities come packed, and unpack to exactly the days the log has.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { unpackDays } from '../../shared/invoice/packed-days.ts';
import { changePull, snapshotPage, type SnapshotPage } from '../../shared/schema/api.ts';
import type { Change } from '../../shared/schema/changes.ts';
import type { DailyQuantity, StoredDays } from '../../shared/schema/invoice.ts';
import { mergeChanges, type Json, type RecordState } from '../../shared/sync/merge.ts';
import { readStoredChange, type StoredChangeRow } from '../../worker/store/change-fields.ts';
import { call, callAnswer, callError, callJson, moduleKey, newTenant } from './support/edge.ts';
import { postedInvoiceFields } from './support/scaled-msp.ts';

const NOW = 1_790_000_000_000;
const clock = (tick: number, origin = 'browser-a') => `${String(NOW + tick).padStart(15, '0')}-000000-${origin}`;
const change = (table: Change['table'], id: string, fields: Change['fields'], tick: number, origin = 'browser-a'): Change =>
  ({ table, id, fields, hlc: clock(tick, origin), origin });

/** Two browsers' edits, pushed in four batches, as the edge would see them over a day. */
const HISTORY: Change[][] = [
  [
    change('accounts', 'acct-1', { name: 'Brass Building Supplies', deleted: false }, 1),
    change('accounts', 'acct-2', { name: 'Cedar Dental', deleted: false }, 2),
    change('accounts', 'acct-3', { name: 'Rosewood Farms', deleted: false }, 3),
    change('contracts', 'contract-1', { accountId: 'acct-1', services: [{ id: 's1', unitPrice: '5.00' }], endDate: null, deleted: false }, 4),
    change('invoices', 'inv-1', { accountId: 'acct-1', period: '2026-08', status: 'posted', number: null, total: '50.00', deleted: false }, 5),
  ],
  [
    // b renames acct-1 later than a; a's older rename of acct-2 loses to b's.
    change('accounts', 'acct-1', { name: 'Brass Building Supplies Ltd' }, 10, 'browser-b'),
    change('accounts', 'acct-2', { name: 'Cedar Dental Group' }, 12, 'browser-b'),
    change('contracts', 'contract-1', { endDate: '2026-12-31' }, 11, 'browser-b'),
    change('invoices', 'inv-2', { accountId: 'acct-2', period: '2026-08', status: 'posted', number: null, total: '70.00', lines: postedInvoiceFields(2, '2026-08', '2026-09-01T09:00:00.000Z').lines ?? [], deleted: false }, 13, 'browser-b'),
  ],
  [
    change('accounts', 'acct-2', { name: 'Cedar Dental & Co' }, 11),
    change('accounts', 'acct-3', { deleted: true }, 20),
    change('invoices', 'inv-1', { status: 'voided', voidedAt: '2026-09-02T10:00:00.000Z' }, 21),
    change('orgMappings', 'datto-rmm/site-1', { module: 'datto-rmm', orgId: 'site-1', accountId: 'acct-1', deleted: false }, 22),
  ],
  [
    // A tie: the same record and clock with another value (a replayed client); the larger encoding wins everywhere.
    change('accounts', 'acct-1', { name: 'Brass Building Supplies Ltd (renamed)' }, 10, 'browser-b'),
    change('orgMappings', 'datto-rmm/site-1', { deleted: true }, 30, 'browser-b'),
    change('orgMappings', 'datto-rmm/site-1', { accountId: 'acct-2', deleted: false }, 31),
    change('contracts', 'contract-1', { services: [{ id: 's1', unitPrice: '6.00' }] }, 32, 'browser-b'),
  ],
];

async function pushAll(token: string, batches: Change[][]) {
  for (const changes of batches) expect((await call('POST', '/v1/changes', { token, json: { changes } })).status).toBe(200);
}

async function pullLog(token: string, since = '0'): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  for (;;) {
    const { body } = await callAnswer(changePull, 'GET', `/v1/changes?since=${since}&limit=3`, { token });
    changes.push(...body.changes);
    since = body.cursor;
    if (!body.more) return { changes, cursor: since };
  }
}

async function pullSnapshot(token: string, limit: number, between?: () => Promise<void>): Promise<{ pages: SnapshotPage[]; changes: Change[] }> {
  const pages: SnapshotPage[] = [];
  let after: string | null = null;
  do {
    const path: string = `/v1/snapshot?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const { body } = await callAnswer(snapshotPage, 'GET', path, { token });
    pages.push(body);
    after = body.after;
    if (pages.length === 1) await between?.();
  } while (after);
  return { pages, changes: pages.flatMap((p) => p.changes) };
}

type Line = Record<string, Json> & { daily?: Json };

/** The changes with every packed `daily` list of an invoice line unpacked (the days the browser stores). */
function unpacked(changes: Change[]): Change[] {
  return changes.map((c) => {
    const lines = c.fields.lines;
    if (c.table !== 'invoices' || !Array.isArray(lines)) return c;
    const days = (line: Line) => (line.daily === undefined || Array.isArray(line.daily) ? line : { ...line, daily: unpackDays(line.daily as unknown as StoredDays) as unknown as Json });
    return { ...c, fields: { ...c.fields, lines: (lines as Line[]).map(days) } };
  });
}

function merged(...lists: Change[][]): Map<string, RecordState> {
  const store = new Map<string, RecordState>();
  for (const list of lists) mergeChanges(store, list);
  return store;
}

describe('GET /v1/snapshot', () => {
  it('merges to exactly the state of the whole log: overwrites, deletes, ties and invoice numbers', async () => {
    const t = await newTenant();
    await pushAll(t.adminToken, HISTORY);
    const log = await pullLog(t.adminToken);
    const { pages, changes } = await pullSnapshot(t.adminToken, 2);

    expect(merged(unpacked(changes))).toEqual(merged(log.changes));
    // Whatever the browser already holds, the snapshot joins it like the log does.
    const half = log.changes.slice(0, 9);
    expect(merged(half, unpacked(changes))).toEqual(merged(half, log.changes));
    expect(changes.length).toBeLessThan(log.changes.length);
    // Per record only the winners: acct-1's two names at one clock leave one, the larger encoding
    // ('"…Ltd"' sorts after '"…Ltd (renamed)"': a quote is greater than a space).
    expect(changes.filter((c) => c.table === 'accounts' && c.id === 'acct-1')).toEqual([
      change('accounts', 'acct-1', { deleted: false }, 1),
      change('accounts', 'acct-1', { name: 'Brass Building Supplies Ltd' }, 10, 'browser-b'),
    ]);
    // The void, the edge's number and the post each still win a field of inv-1.
    const inv1 = changes.filter((c) => c.id === 'inv-1');
    expect(inv1.map((c) => Object.keys(c.fields).sort())).toEqual([
      ['accountId', 'deleted', 'period', 'total'],
      ['status', 'voidedAt'],
      ['number'],
    ]);
    expect(inv1[2]?.origin).toBe('edge');
    // Counts for progress on the first page; every record served once, in (table, id) order.
    expect(pages[0]?.totals).toEqual({ accounts: 3, contracts: 1, invoices: 2, orgMappings: 1 });
    expect(pages.slice(1).every((p) => p.totals === undefined)).toBe(true);
    expect(pages.map((p) => p.records)).toEqual([2, 2, 2, 1]);
    const keys = [...new Set(changes.map((c) => `${c.table}/${c.id}`))];
    expect(keys).toEqual(['accounts/acct-1', 'accounts/acct-2', 'accounts/acct-3', 'contracts/contract-1', 'invoices/inv-1', 'invoices/inv-2', 'orgMappings/datto-rmm/site-1']);
    expect(pages.map((p) => p.cursor)).toEqual(pages.map(() => log.cursor));
    expect(pages.at(-1)).toMatchObject({ more: false, after: null });
  });

  it('sends posted invoices’ daily quantities packed, unpacking to exactly the days of the log, which keeps them as pushed', async () => {
    const t = await newTenant();
    const posted = (account: number) => postedInvoiceFields(account, '2026-08', '2026-09-01T09:00:00.000Z');
    const linesOf = (fields: Change['fields']) => fields.lines as Line[];
    // inv-7's lines twice at one clock (a replayed client), differing in one carried day: the larger
    // encoding of the lists as pushed wins, whatever their packed encodings would say.
    const seven = posted(7);
    const sevenAgain = { ...seven, lines: linesOf(seven).map((line) => ({ ...line, daily: (line.daily as DailyQuantity[]).map((d, i) => (i === 5 ? { ...d, carried: true } : d)) })) };
    // inv-8's second line skips a day (a gap does not pack) and its third has an extra field.
    const eight = posted(8);
    const oddLines = linesOf(eight).map((line, k) => {
      const days = line.daily as DailyQuantity[];
      return k === 1 ? { ...line, daily: days.filter((d) => d.date !== '2026-08-15') } : k === 2 ? { ...line, daily: days.map((d) => ({ ...d, note: 'recounted' })) } : line;
    });
    const pushed = [
      change('invoices', 'inv-7', seven, 1),
      change('invoices', 'inv-7', sevenAgain, 1),
      change('invoices', 'inv-8', { ...eight, lines: oddLines }, 2),
      change('invoices', 'inv-9', posted(9), 3),
      // inv-9 is corrected later: new lines win, its other fields stay from the post.
      change('invoices', 'inv-9', { lines: linesOf(posted(10)), total: '1100.00' }, 4, 'browser-b'),
      change('accounts', 'acct-7', { name: 'Client 7 Plumbing & Heating Ltd', deleted: false }, 5),
    ];
    await pushAll(t.adminToken, [pushed.slice(0, 1), pushed.slice(1)]);
    const log = await pullLog(t.adminToken);
    const { changes } = await pullSnapshot(t.adminToken, 2);

    expect(merged(unpacked(changes))).toEqual(merged(log.changes));
    const won = (id: string) => changes.find((c) => c.id === id && c.fields.lines !== undefined)?.fields.lines as Line[];
    // Every line of inv-7 packed: one date, the quantities, the carried days by position.
    const seven0 = won('inv-7')[0];
    expect(seven0?.daily).toEqual({
      from: '2026-08-01',
      quantities: (linesOf(sevenAgain)[0]?.daily as DailyQuantity[]).map((d) => d.quantity),
      carried: [3, 5],
    });
    expect(won('inv-7').map((line) => unpackDays(line.daily as unknown as StoredDays))).toEqual(linesOf(sevenAgain).map((line) => line.daily));
    expect(won('inv-7').map((line) => Object.keys(line))).toEqual(linesOf(sevenAgain).map((line) => Object.keys(line)));
    // What does not pack comes as pushed.
    expect(won('inv-8').map((line) => Array.isArray(line.daily))).toEqual([false, true, true, false]);
    expect(won('inv-8').map((line) => unpackDays(line.daily as unknown as StoredDays))).toEqual(oddLines.map((line) => line.daily));
    expect(won('inv-9').map((line) => unpackDays(line.daily as unknown as StoredDays))).toEqual(linesOf(posted(10)).map((line) => line.daily));
    // The log serves and D1 keeps the lists as pushed.
    expect(log.changes.filter((c) => c.origin !== 'edge')).toEqual(pushed);
    const stored = await env.DB.prepare("SELECT tbl, record_id, fields, hex(packed) AS packed, hlc, origin FROM changes WHERE tenant_id = ? AND origin != 'edge' ORDER BY seq")
      .bind(t.tenantId).all<StoredChangeRow>();
    expect(await Promise.all(stored.results.map(readStoredChange))).toEqual(pushed);
    // The snapshot of these invoices is a fraction of the log's bytes.
    const logBytes = (await call('GET', '/v1/changes?limit=1000', { token: t.adminToken }).then((r) => r.text())).length;
    const snapshotBytes = (await call('GET', '/v1/snapshot?limit=1000', { token: t.adminToken }).then((r) => r.text())).length;
    expect(snapshotBytes).toBeLessThan(logBytes / 3);
  });

  it('is as of its first page: later changes come from GET /v1/changes after its cursor, and nothing is lost', async () => {
    const t = await newTenant();
    await pushAll(t.adminToken, HISTORY.slice(0, 2));
    const later = [change('accounts', 'acct-1', { name: 'Brass & Sons' }, 40), change('accounts', 'acct-9', { name: 'Zinc Works', deleted: false }, 41)];
    const { pages, changes } = await pullSnapshot(t.adminToken, 2, () => pushAll(t.adminToken, [later, ...HISTORY.slice(2)]));
    const cursor = pages[0]?.cursor ?? '';
    expect(pages.every((p) => p.cursor === cursor)).toBe(true);
    expect(changes.some((c) => c.id === 'acct-9' || c.hlc === clock(40))).toBe(false);
    const after = await pullLog(t.adminToken, cursor);
    expect(after.changes.slice(0, 2)).toEqual(later);
    expect(merged(unpacked(changes), after.changes)).toEqual(merged((await pullLog(t.adminToken)).changes));
  });

  it('is empty for a new tenant, with the cursor to follow the log from', async () => {
    const t = await newTenant();
    const { body } = await callAnswer(snapshotPage, 'GET', '/v1/snapshot', { token: t.adminToken });
    expect(body).toEqual({ changes: [], records: 0, totals: {}, cursor: '0', after: null, more: false });
  });

  it('refuses a made-up after or limit by path, and a module key', async () => {
    const t = await newTenant();
    const bad = await callError('GET', '/v1/snapshot?after=accounts~x&limit=0', { token: t.adminToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path).sort()).toEqual(['after', 'limit']);
    expect((await callError('GET', '/v1/snapshot?after=5~ledgers~x', { token: t.adminToken })).body.error.issues.map((i) => i.path)).toEqual(['after']);
    const key = await moduleKey(t.adminToken, 'datto-rmm');
    expect((await callError('GET', '/v1/snapshot', { token: key.token })).status).toBe(403);
    expect((await callError('GET', '/v1/snapshot', {})).status).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const { body } = await callJson<{ paths: Record<string, Record<string, unknown>> }>('GET', '/v1/openapi.json');
    expect(Object.keys(body.paths['/v1/snapshot'] ?? {})).toEqual(['get']);
    // It says the daily lists may come packed, and how to read them.
    expect(JSON.stringify(body.paths['/v1/snapshot'])).toContain('`daily` list may come packed');
  });
});
