// The engine worker keeps of posted invoices only a slim index and the Invoices list's
// summaries, updated from the invoices a newer data version changed: after posts, the
// edge's numbering, a void and a delete, a worker that followed along knows exactly what
// a worker reading the database afresh knows, bills the same, and rebuilt its config only
// when a config table changed.
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../support/test-db.ts';
import { desktopMonitoring, uploadsEachDay } from '../../support/billing.ts';
import { postInvoice } from '../../../shared/posting/post.ts';
import type { PostedIndex } from '../../../shared/invoice/posted.ts';
import type { Workspace } from '../../../shared/schema/workspace.ts';
import { recordFields } from '../../../shared/sync/record-fields.ts';
import { recordEdit, recordEdits } from '../../../web/src/lib/db/changes.ts';
import { dataVersion } from '../../../web/src/lib/db/data-version.ts';
import type { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { EngineSession, workerApi } from '../../../web/src/lib/engine/session.ts';

/** Three clients at $5.00 a device (period end) on Datto RMM; September and October posted for all. */
function history(): Workspace {
  const accounts = [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Cobalt Dental' }, { id: 'a3', name: 'Amber Legal' }];
  let ws = desktopMonitoring(accounts, {
    startDate: '2026-01-01',
    unitCost: '1.00',
    uploads: uploadsEachDay('datto-rmm', '2026-09-01', '2026-11-30', (day) => ({
      'rmm-a1': { DesktopLaptopMetric: 10 }, 'rmm-a2': { DesktopLaptopMetric: day < '2026-10-15' ? 20 : 22 }, 'rmm-a3': { DesktopLaptopMetric: 30 },
    })),
  });
  let n = 0;
  for (const period of ['2026-09', '2026-10']) {
    for (const a of accounts) {
      n++;
      ws = postInvoice(ws, a.id, period, { number: `INV-${String(n).padStart(6, '0')}`, postedAt: `${period === '2026-09' ? '2026-10' : '2026-11'}-02T10:00:00Z`, id: `inv-${a.id}-${period}`, asOf: period === '2026-09' ? '2026-10-02' : '2026-11-02' });
    }
  }
  return ws;
}

const freshDb = freshDatabases('worker-data', history);
const today = '2026-12-02';
const inputsOf = async (db: TrueupDb) => ({ version: await dataVersion(db), today });

/** What the rules and posting ask of the index, for every account and period of the test. */
function answers(index: PostedIndex) {
  return {
    accounts: [...index.accountIds()].sort(),
    standing: ['a1', 'a2', 'a3'].map((a) => [...(index.periods(a) ?? new Map()).entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([p, e]) => [p, e.id, e.number, e.usageCursor, e.lines])),
    highest: index.highestNumber(),
  };
}

async function sameAsFresh(db: TrueupDb, followed: EngineSession): Promise<void> {
  const fresh = new EngineSession(db);
  const inputs = await inputsOf(db);
  await Promise.all([followed.data.ensure(inputs.version), fresh.data.ensure(inputs.version)]);
  expect(answers(followed.data.posted)).toEqual(answers(fresh.data.posted));
  expect([...followed.data.posted.duplicateIds()].sort()).toEqual([...fresh.data.posted.duplicateIds()].sort());
  expect(followed.data.invoiceList.index()).toEqual(fresh.data.invoiceList.index());
  for (const period of ['2026-10', '2026-11']) {
    expect(await followed.period(inputs, period, { daily: true })).toEqual(await fresh.period(inputs, period, { daily: true }));
  }
  expect(await workerApi(followed).corrections(inputs, { asOf: today })).toEqual(await workerApi(fresh).corrections(inputs, { asOf: today }));
}

describe('engine worker posted index', () => {
  it('follows posts, numbering, a void and a delete, one changed invoice at a time, without rebuilding its config', async () => {
    const db = await freshDb();
    const session = new EngineSession(db);
    const api = workerApi(session);
    await sameAsFresh(db, session);
    const builds = session.data.stats.configBuilds;
    const rowsRead = session.data.stats.configRows;

    // November posted for two accounts (number pending), as the Billing screen stores it
    const outcome = await api.post(await inputsOf(db), { period: '2026-11', accountIds: ['a1', 'a2'], ids: ['inv-a1-nov', 'inv-a2-nov'], postedAt: '2026-12-02T09:00:00Z', asOf: today });
    expect(outcome.refused).toEqual([]);
    await recordEdits(db, outcome.posted.map((invoice) => ({ table: 'invoices' as const, id: invoice.id ?? '', fields: recordFields(invoice) })));
    await sameAsFresh(db, session);
    expect(session.data.stats.configRows - rowsRead).toBe(2);

    // the edge numbers one; Cobalt's October is voided; Amber's September record is deleted
    await recordEdit(db, { table: 'invoices', id: 'inv-a1-nov', fields: { number: 'INV-000007' } });
    await sameAsFresh(db, session);
    await recordEdit(db, { table: 'invoices', id: 'inv-a2-2026-10', fields: { status: 'voided', voidedAt: '2026-12-02T09:30:00Z' } });
    await sameAsFresh(db, session);
    await recordEdit(db, { table: 'invoices', id: 'inv-a3-2026-09', fields: { deleted: true } });
    await sameAsFresh(db, session);
    expect(session.data.stats.configBuilds).toBe(builds);
    expect(session.data.posted.periods('a2')?.has('2026-10')).toBe(false);
    expect(session.data.posted.periods('a3')?.has('2026-09')).toBe(false);
    expect(session.data.invoiceList.index().rows.map((r) => r.id)).not.toContain('inv-a3-2026-09');

    // a second browser's post of Brass's November: the later one is the duplicate
    const again = (await db.invoices.get('inv-a1-nov'));
    if (!again) throw new Error('no November invoice');
    const { id: _id, deleted: _deleted, ...copy } = again;
    await recordEdit(db, { table: 'invoices', id: 'inv-a1-nov-again', fields: recordFields({ ...copy, number: 'INV-000008', postedAt: '2026-12-02T11:00:00Z' }) });
    await sameAsFresh(db, session);
    expect([...session.data.invoiceList.index().duplicates]).toEqual(['inv-a1-nov-again']);
    expect(session.data.stats.configBuilds).toBe(builds);

    // one Approve & Post run sees its own earlier posts: an account listed twice, an id used twice
    const run = await api.post(await inputsOf(db), { period: '2026-11', accountIds: ['a3', 'a3', 'a2'], ids: ['inv-x', 'inv-y', 'inv-x'], postedAt: '2026-12-02T12:00:00Z', asOf: today });
    expect(run.posted.map((i) => [i.accountId, i.id])).toEqual([['a3', 'inv-x']]);
    expect(run.refused).toEqual([
      { accountId: 'a3', reason: 'the 2026-11 invoice of account a3 is already posted (number pending)' },
      { accountId: 'a2', reason: 'the 2026-11 invoice of account a2 is already posted (number pending)' },
    ]);
    const ids = await api.post(await inputsOf(db), { period: '2026-11', accountIds: ['a3'], ids: ['inv-a1-nov'], postedAt: '2026-12-02T12:00:00Z', asOf: today });
    expect(ids.refused).toEqual([{ accountId: 'a3', reason: 'invoice id "inv-a1-nov" is already used' }]);

    // a config edit rebuilds the config once
    await recordEdit(db, { table: 'accounts', id: 'a1', fields: { name: 'Brass & Co' } });
    await session.workspace(await inputsOf(db));
    expect(session.data.stats.configBuilds).toBe(builds + 1);
  });
});
