// The object the engine worker exposes, driven directly in Node: the same calls the
// screens make through Comlink, on a real Dexie database (fake-indexeddb).
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../support/test-db.ts';
import { recordEdit } from '../../web/src/lib/db/changes.ts';
import { storeUploads } from '../../web/src/lib/db/uploads.ts';
import { loadConfig } from '../../web/src/lib/db/config.ts';
import { dataVersion } from '../../web/src/lib/db/data-version.ts';
import { loadUploads } from '../../web/src/lib/db/uploads.ts';
import { recordFields } from '../../shared/sync/record-fields.ts';
import { recordEdits } from '../../web/src/lib/db/changes.ts';
import { EngineSession, workerApi } from '../../web/src/lib/engine/session.ts';
import { oneService, upload, uploadsEachDay } from '../support/billing.ts';

const freshDb = freshDatabases('engine-test', november);

/** What a page sends: the data version it sees and its today. */
async function inputsOf(database: Parameters<typeof dataVersion>[0], today: string) {
  return { version: await dataVersion(database), today };
}

/** The demo-like scenario of docs/billing-rules.md#modes (its worked example): 10 devices on days 1–15, 11 after, $5.00 daily, a 30-day month. */
function november() {
  return oneService({
    uploads: uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-30', (day) => ({ 's-17': { AllDevicesMetric: day <= '2026-11-15' ? 10 : 11 } })),
  });
}


describe('engine worker api', () => {
  it('given the inputs read from IndexedDB, when computed in the session, then the result matches the workspace document', async () => {
    const database = await freshDb();
    const api = workerApi(new EngineSession(database));
    const result = await api.compute(await inputsOf(database, '2026-12-05'), '2026-11');
    expect(result.invoices.map((i) => i.total)).toEqual(['52.50']);
    expect(result.items[0]).toMatchObject({ quantity: '10.5000', amount: '52.50', cost: '12.60', margin: '39.90' });
  });

  it('when a mapping changes, then the next compute with the new data version shows it', async () => {
    const database = await freshDb();
    const api = workerApi(new EngineSession(database));
    const contract = (await loadConfig(database)).contracts[0];
    if (!contract) throw new Error('no contract');
    await recordEdit(database, {
      table: 'contracts', id: contract.id,
      fields: { serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', ignore: true }] },
    });
    const result = await api.compute(await inputsOf(database, '2026-12-05'), '2026-11');
    expect(result.items).toEqual([]);
    expect(result.invoices).toEqual([]);
    expect(await database.outbox.count()).toBeGreaterThan(0);
  });

  it('re-reads only when the page says the data version moved', async () => {
    const database = await freshDb();
    const api = workerApi(new EngineSession(database));
    const seen = await inputsOf(database, '2026-12-05');
    const before = await api.compute(seen, '2026-11');
    await storeUploads(database, [upload('datto-rmm', '2026-11-30', { 's-17': { AllDevicesMetric: 41 } })]);
    const cached = await api.compute(seen, '2026-11');
    const fresh = await api.compute(await inputsOf(database, '2026-12-05'), '2026-11');
    expect(cached.invoices[0]?.total).toBe(before.invoices[0]?.total);
    // one day at 41 instead of 11: 30 × 5 / 30 = 5.00 more
    expect(fresh.invoices[0]?.total).toBe('57.50');
  });

  it('explains an item day by day with its source upload', async () => {
    const database = await freshDb();
    await storeUploads(database, [upload('datto-rmm', '2026-11-20', { 's-17': { AllDevicesMetric: 11 } })]);
    await database.usageDays.delete(['datto-rmm', '2026-11-21']);
    const api = workerApi(new EngineSession(database));
    const explained = await api.explain(await inputsOf(database, '2026-12-05'), { contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-11' });
    expect(explained?.days).toHaveLength(30);
    const day21 = explained?.days.find((d) => d.date === '2026-11-21');
    expect(day21).toMatchObject({ quantity: '11.0000', carried: true, sourceDate: '2026-11-20' });
    expect(day21?.parts).toEqual([{ orgId: 's-17', orgName: 's-17', billingType: 'AllDevicesMetric', quantity: '11.0000' }]);
  });

  it('posts with the number pending, refuses a period that has not ended, and one refusal does not stop the others', async () => {
    const database = await freshDb();
    const api = workerApi(new EngineSession(database));
    const inputs = await inputsOf(database, '2026-11-20');
    const early = await api.post(inputs, { period: '2026-11', accountIds: ['a1'], ids: ['x'], postedAt: '2026-11-20T10:00:00Z', asOf: '2026-11-20' });
    expect(early.posted).toEqual([]);
    expect(early.refused[0]?.reason).toMatch(/before it ends/);
    const outcome = await api.post(inputs, { period: '2026-11', accountIds: ['nobody', 'a1'], ids: ['y', 'z'], postedAt: '2026-12-02T10:00:00Z', asOf: '2026-12-02' });
    expect(outcome.refused.map((r) => r.accountId)).toEqual(['nobody']);
    expect(outcome.posted).toHaveLength(1);
    expect(outcome.posted[0]).toMatchObject({ id: 'z', status: 'posted', number: null, total: '52.50', postedAt: '2026-12-02T10:00:00Z' });
    expect(outcome.posted[0]?.lines[0]?.daily).toHaveLength(30);
  });
});

describe('engine worker api: posting with cursors, and corrections', () => {
  it('stores each pulled upload with its page cursor and records the usageCursor a post was computed with', async () => {
    const database = await freshDb();
    const late = upload('datto-rmm', '2026-11-20', { 's-17': { AllDevicesMetric: 41 } });
    await storeUploads(database, [late], '812');
    expect((await loadUploads(database, [['datto-rmm', '2026-11-20']]))[0]?.cursor).toBe('812');
    const api = workerApi(new EngineSession(database));
    const inputs = await inputsOf(database, '2026-12-01');
    const outcome = await api.post(inputs, { period: '2026-11', accountIds: ['a1'], ids: ['inv-1'], postedAt: '2026-12-01T08:00:00Z', asOf: '2026-12-01', usageCursor: '812' });
    expect(outcome.posted[0]).toMatchObject({ id: 'inv-1', usageCursor: '812', issueDate: '2026-12-01', dueDate: '2026-12-31' });
  });

  it('offers the corrections of posted months through the worker', async () => {
    const database = await freshDb();
    const api = workerApi(new EngineSession(database));
    const inputs = await inputsOf(database, '2026-12-01');
    const posted = (await api.post(inputs, { period: '2026-11', accountIds: ['a1'], ids: ['inv-1'], postedAt: '2026-12-01T08:00:00Z', asOf: '2026-12-01' })).posted;
    await recordEdits(database, posted.map((invoice) => ({ table: 'invoices' as const, id: invoice.id ?? '', fields: recordFields(invoice) })));
    const contract = (await loadConfig(database)).contracts[0];
    if (!contract) throw new Error('no contract');
    // The price is raised for everything, November included: a correction of +2.10 (10.5 × 0.20).
    await recordEdits(database, [{ table: 'contracts', id: contract.id, fields: { services: contract.services.map((s) => ({ ...s, unitPrice: '5.20' })) } }]);
    const corrections = await api.corrections(await inputsOf(database, '2026-12-02'), { asOf: '2026-12-02' });
    expect(corrections).toMatchObject([{ accountId: 'a1', period: '2026-11', posted: '52.50', recomputed: '54.60', delta: '2.10', charge: { period: '2026-12', corrects: '2026-11', unitPrice: '2.10' } }]);
  });
});
