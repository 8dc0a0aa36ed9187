// The engine worker owns its data: it reads IndexedDB whole once, then only the records a
// newer data version wrote. A pull writes only the module-days that changed. Schema
// version 3 converts a browser's JSON uploads and splits the frozen days off invoices.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabases } from '../../support/test-db.ts';
import { oneService, upload, uploadsEachDay } from '../../support/billing.ts';
import { recordEdit, recordEdits } from '../../../web/src/lib/db/changes.ts';
import { dataVersion } from '../../../web/src/lib/db/data-version.ts';
import { storeUploads } from '../../../web/src/lib/db/uploads.ts';
import { allUploads } from '../../../web/src/lib/db/upload-pages.ts';
import { loadInvoice } from '../../../web/src/lib/db/invoices.ts';
import { TrueupDb } from '../../../web/src/lib/db/database.ts';
import { recordFields } from '../../../shared/sync/record-fields.ts';
import { EngineSession, workerApi } from '../../../web/src/lib/engine/session.ts';

const november = () => oneService({
  uploads: uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-30', (day) => ({ 's-17': { AllDevicesMetric: day <= '2026-11-15' ? 10 : 11 } })),
});
const freshDb = freshDatabases('incremental-test', november);
const inputsOf = async (db: TrueupDb, today = '2026-12-05') => ({ version: await dataVersion(db), today });

describe('engine worker reads only what changed', () => {
  it('given a computed month, when one contract is edited, then the worker reads that one record and no usage, and bills the edit', async () => {
    const db = await freshDb();
    const session = new EngineSession(db);
    const api = workerApi(session);
    expect((await api.compute(await inputsOf(db), '2026-11')).invoices[0]?.total).toBe('52.50');
    const first = { ...session.data.stats };
    expect(first.moduleDays).toBe(30);

    await recordEdit(db, { table: 'contracts', id: 'c1', fields: { services: [{ id: 's1', name: 'Managed endpoint', unitPrice: '6.00', unitCost: '1.20', billing: 'daily' }] } });
    const after = await api.compute(await inputsOf(db), '2026-11');
    expect(after.invoices[0]?.total).toBe('63.00');
    expect(session.data.stats.configRows - first.configRows).toBe(1);
    expect(session.data.stats.moduleDays).toBe(first.moduleDays);
  });

  it('when one module-day is pulled, then only it is written and read, and resending it unchanged writes nothing', async () => {
    const db = await freshDb();
    const session = new EngineSession(db);
    const api = workerApi(session);
    await api.compute(await inputsOf(db), '2026-11');
    const before = await dataVersion(db);

    await storeUploads(db, [upload('datto-rmm', '2026-11-20', { 's-17': { AllDevicesMetric: 41 } })], '900');
    const version = await dataVersion(db);
    expect(version).toBe(before + 1);
    expect(await db.usageDays.where('seq').equals(version).primaryKeys()).toEqual([['datto-rmm', '2026-11-20']]);
    // 11 devices on day 20 become 41: 30 × 5.00 / 30 more.
    expect((await api.compute(await inputsOf(db), '2026-11')).invoices[0]?.total).toBe('57.50');
    expect(session.data.stats.moduleDays).toBe(31);
    expect(session.data.stats.configRows).toBe(0 + (await countConfigRows(db)));

    await storeUploads(db, [upload('datto-rmm', '2026-11-20', { 's-17': { AllDevicesMetric: 41 } })], '900');
    expect(await dataVersion(db)).toBe(version);
  });

  it('caches a period per data version: two calls compute once', async () => {
    const db = await freshDb();
    const session = new EngineSession(db);
    const inputs = await inputsOf(db);
    const [a, b] = await Promise.all([session.period(inputs, '2026-11'), session.period(inputs, '2026-11')]);
    expect(a).toBe(b);
    await recordEdit(db, { table: 'accounts', id: 'a1', fields: { name: 'Renamed' } });
    expect(await session.period(await inputsOf(db), '2026-11')).not.toBe(a);
  });

  it('keeps a posted invoice\'s frozen days apart from its row and joins them back when the whole invoice is read', async () => {
    const db = await freshDb();
    const api = workerApi(new EngineSession(db));
    const outcome = await api.post(await inputsOf(db, '2026-12-02'), { period: '2026-11', accountIds: ['a1'], ids: ['inv-1'], postedAt: '2026-12-02T10:00:00Z', asOf: '2026-12-02' });
    await recordEdits(db, outcome.posted.map((invoice) => ({ table: 'invoices' as const, id: invoice.id ?? '', fields: recordFields(invoice) })));
    expect((await db.invoices.get('inv-1'))?.lines[0]?.daily).toBeUndefined();
    expect((await loadInvoice(db, 'inv-1'))?.lines[0]?.daily).toHaveLength(30);
    // The edge numbering it later (one field) keeps the days.
    await recordEdit(db, { table: 'invoices', id: 'inv-1', fields: { number: 'INV-000001' } });
    expect((await loadInvoice(db, 'inv-1'))).toMatchObject({ number: 'INV-000001', lines: [{ daily: expect.any(Array) }] });
    // The billing screen asks for days: the posted month comes with them.
    const billed = await api.compute(await inputsOf(db, '2026-12-02'), '2026-11', { daily: true });
    expect(billed.invoices[0]?.lines[0]?.daily).toHaveLength(30);
  });
});

async function countConfigRows(db: TrueupDb): Promise<number> {
  let n = 0;
  for (const table of ['accounts', 'orgMappings', 'contracts', 'enabledModules', 'modules', 'invoices', 'settings', 'charges']) n += await db.table(table).count();
  return n;
}

// A browser still on schema version 2, as the app of the last release left it.
class VersionTwo extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores({
      accounts: 'id, name', orgMappings: 'id, module, accountId', contracts: 'id, accountId', enabledModules: 'id', modules: 'id',
      invoices: 'id, accountId, period, status', settings: 'id', uploads: '[module+date], module, date', orgs: '[module+orgId], module',
      outbox: '++seq', clocks: '[table+id]', meta: 'key',
    });
    this.version(2).stores({ notSynced: '++seq', charges: 'id, accountId, period' });
  }
}

describe('schema version 3', () => {
  const names: string[] = [];
  afterEach(async () => {
    for (const name of names.splice(0)) await Dexie.delete(name);
  });

  it('moves JSON uploads into the compact store and frozen days beside their invoices, losing nothing', async () => {
    const name = 'upgrade-test';
    names.push(name);
    const old = new VersionTwo(name);
    const uploads = [
      { module: 'datto-edr', date: '2026-11-02', orgs: [{ orgId: 'e-1', name: 'Brass', metrics: { TotalDevices: 4 } }] },
      { module: 'datto-rmm', date: '2026-11-01', orgs: [{ orgId: 's-17', name: 'Brass LLC', metrics: { AllDevicesMetric: 10, ServerMetric: '123456789012345678.5' } }], cursor: '7' },
      { module: 'datto-rmm', date: '2026-11-02', orgs: [{ orgId: 's-17', name: 'Brass LLC', metrics: { AllDevicesMetric: 11 } }, { orgId: 's-18', name: '', metrics: {} }], cursor: '8' },
    ];
    await old.table('uploads').bulkPut(uploads);
    const daily = [{ date: '2026-11-01', quantity: '10.0000', carried: false, estimated: false }];
    await old.table('invoices').put({ id: 'inv-1', accountId: 'a1', period: '2026-11', status: 'posted', lines: [{ kind: 'item', daily }, { kind: 'charge' }] });
    old.close();

    const db = new TrueupDb(name);
    expect(await allUploads(db)).toEqual(uploads);
    expect(await db.usageDays.count()).toBe(3);
    expect((await db.invoices.get('inv-1'))?.lines).toEqual([{ kind: 'item' }, { kind: 'charge' }]);
    expect((await loadInvoice(db, 'inv-1'))?.lines).toEqual([{ kind: 'item', daily }, { kind: 'charge' }]);
    expect(db.tables.map((t) => t.name)).not.toContain('uploads');
    db.close();
  });
});
