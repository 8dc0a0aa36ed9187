// GET /v1/snapshot: the compacted change log a new browser starts from. Merging it gives
// exactly what merging the whole log gives (values and clocks, per record), on a history
// with overwrites, deletes, ties at one clock and the edge's invoice numbers.
import { describe, expect, it } from 'vitest';
import { changePull, snapshotPage, type SnapshotPage } from '../../shared/schema/api.ts';
import type { Change } from '../../shared/schema/changes.ts';
import { mergeChanges, type RecordState } from '../../shared/sync/merge.ts';
import { call, callAnswer, callError, callJson, moduleKey, newTenant } from './support/edge.ts';

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
    change('invoices', 'inv-2', { accountId: 'acct-2', period: '2026-08', status: 'posted', number: null, total: '70.00', deleted: false }, 13, 'browser-b'),
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

    expect(merged(changes)).toEqual(merged(log.changes));
    // Whatever the browser already holds, the snapshot joins it like the log does.
    const half = log.changes.slice(0, 9);
    expect(merged(half, changes)).toEqual(merged(half, log.changes));
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
    expect(merged(changes, after.changes)).toEqual(merged((await pullLog(t.adminToken)).changes));
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
  });
});
