// The worker's dashboard and insights calls, driven in Node on a real Dexie database
// (fake-indexeddb), exactly as the screens call them through Comlink.
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../support/test-db.ts';
import { storeUploads } from '../../web/src/lib/db/uploads.ts';
import { dataVersion } from '../../web/src/lib/db/data-version.ts';
import { EngineSession, workerApi } from '../../web/src/lib/engine/session.ts';
import { engineApi } from '../../web/src/lib/engine/api.ts';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { oneService, upload, uploadsEachDay } from '../support/billing.ts';

const freshDb = freshDatabases('engine-insights-test', november);

/** Brass on Datto RMM, 10 devices then 11 from the 16th; a new site appears on the 20th, unmapped. */
function november() {
  return oneService({
    uploads: uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-28', (day) => ({
      's-17': { AllDevicesMetric: day <= '2026-11-15' ? 10 : 11, ServerMetric: 2 },
      ...(day >= '2026-11-20' ? { 's-99': { AllDevicesMetric: 4 } } : {}),
    })),
  });
}

async function session() {
  const database = await freshDb();
  return { database, api: workerApi(new EngineSession(database)) };
}

describe('engine worker: dashboard', () => {
  it('given the inputs read from IndexedDB, then the revenue per module is the billing screen\'s invoices summed', async () => {
    const { database, api } = await session();
    const board = await api.dashboard({ version: await dataVersion(database), today: '2026-12-05' }, '2026-11');
    const billed = computePeriod(november(), '2026-11', { asOf: '2026-12-05' });
    expect(board.revenue.map((r) => [r.module, r.pending, r.cost, r.margin])).toEqual([['datto-rmm', billed.invoices[0]?.total, '12.60', '39.90']]);
    expect(board.trend.days).toHaveLength(30);
    expect(board.trend.modules[0]?.units[0]).toBe('10.0000');
    expect(board).toEqual(engineApi.dashboard(november(), '2026-11', { asOf: '2026-12-05' }));
  });

  it('then Billing\'s plain request for the month reads the dashboard\'s result, the same as computing it', async () => {
    const { database, api } = await session();
    const inputs = { version: await dataVersion(database), today: '2026-12-05' };
    await api.dashboard(inputs, '2026-11');
    expect(await api.compute(inputs, '2026-11')).toEqual(computePeriod(november(), '2026-11', { asOf: '2026-12-05' }));
  });
});

describe('engine worker: insights', () => {
  it('given asOf the 30th, then the new site is unmapped, the module is silent for two days, servers are not mapped and the new site jumps from zero', async () => {
    const { database, api } = await session();
    const insights = await api.insights({ version: await dataVersion(database), today: '2026-11-30' });
    expect(insights.unmappedOrgs.map((o) => `${o.orgId} ${o.firstSeen}`)).toEqual(['s-99 2026-11-20']);
    expect(insights.modulesWithoutServices).toEqual([]);
    expect(insights.staleModules).toEqual([{ module: 'datto-rmm', lastUpload: '2026-11-28', daysSince: 2 }]);
    expect(insights.unmappedTypes).toEqual([{ accountId: 'a1', module: 'datto-rmm', billingType: 'ServerMetric', hasContract: true }]);
    expect(insights.quantityJumps.map((j) => `${j.toDay} ${j.orgId} ${j.from}→${j.to}`)).toEqual(['2026-11-20 s-99 0.0000→4.0000']);
    expect(insights).toEqual(engineApi.insights(november(), { asOf: '2026-11-30' }));
  });

  it('when the module uploads again with a jump, then the next call with the new data version shows it', async () => {
    const { database, api } = await session();
    await api.insights({ version: await dataVersion(database), today: '2026-11-30' });
    await storeUploads(database, [upload('datto-rmm', '2026-11-29', { 's-17': { AllDevicesMetric: 30, ServerMetric: 2 }, 's-99': { AllDevicesMetric: 4 } })]);
    const insights = await api.insights({ version: await dataVersion(database), today: '2026-11-30' });
    expect(insights.staleModules).toEqual([]);
    expect(insights.quantityJumps[0]).toMatchObject({ orgId: 's-17', fromDay: '2026-11-28', toDay: '2026-11-29', from: '11.0000', to: '30.0000', percent: 172.7, accountId: 'a1' });
  });
});
