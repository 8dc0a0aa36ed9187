// The dashboard's and Modules screen's module list: each module's latest upload day and how
// many orgs that day reported, read without walking every stored module-day.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../support/test-db.ts';
import { oneService, upload } from '../../support/billing.ts';
import { storeUploads } from '../../../web/src/lib/db/uploads.ts';
import { moduleSummaries } from '../../../web/src/lib/queries/modules.ts';

const freshDb = freshDatabases('module-summaries-test', () => oneService({ uploads: [] }));

describe('module summaries', () => {
  it('given days stored out of order for two modules, then each module shows its latest day and that day’s orgs; a module with none shows none', async () => {
    const db = await freshDb();
    await storeUploads(db, [
      upload('datto-rmm', '2026-11-20', { 's-1': { AllDevicesMetric: 3 }, 's-2': { AllDevicesMetric: 4 } }),
      upload('datto-rmm', '2026-11-02', { 's-1': { AllDevicesMetric: 3 } }),
    ], '10');
    await storeUploads(db, [upload('datto-rmm', '2026-11-05', { 's-1': { AllDevicesMetric: 3 } })], '11');
    await storeUploads(db, [
      upload('datto-saas-protection', '2026-10-31', { 'b-1': { BillableUsers: 2 } }),
      upload('datto-saas-protection', '2026-11-01', { 'b-1': { BillableUsers: 2 }, 'b-2': { BillableUsers: 1 }, 'b-3': { BillableUsers: 1 } }),
    ], '12');

    const byId = new Map((await moduleSummaries(db)).map((m) => [m.def.id, m]));
    expect(byId.get('datto-rmm')).toMatchObject({ lastUploadDate: '2026-11-20', orgCount: 2 });
    expect(byId.get('datto-saas-protection')).toMatchObject({ lastUploadDate: '2026-11-01', orgCount: 3 });
    const none = [...byId.values()].find((m) => m.def.id !== 'datto-rmm' && m.def.id !== 'datto-saas-protection');
    expect(none).toMatchObject({ lastUploadDate: null, orgCount: 0 });
  });
});
