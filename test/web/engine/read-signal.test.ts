// The engine worker tells the sync worker when it has read the stored data, so a first pull's
// earlier days can wait for the read the first figures need (read-signal.ts).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../support/test-db.ts';
import { oneService, uploadsEachDay } from '../../support/billing.ts';
import { dataVersion } from '../../../web/src/lib/db/data-version.ts';
import { EngineSession, workerApi } from '../../../web/src/lib/engine/session.ts';
import { announceEngineRead, nextEngineRead } from '../../../web/src/lib/engine/read-signal.ts';

const freshDb = freshDatabases('read-signal-test', () => oneService({
  uploads: uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-30', () => ({ 's-17': { AllDevicesMetric: 10 } })),
}));

describe('the engine worker announces its reads', () => {
  it('given a listener, when the engine reads for the first figures, then the listener settles (and not before)', async () => {
    const db = await freshDb();
    let settled = false;
    const read = nextEngineRead(600_000).then(() => { settled = true; });
    const api = workerApi(new EngineSession(db, announceEngineRead));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    expect((await api.compute({ version: await dataVersion(db), today: '2026-12-05' }, '2026-11')).invoices[0]?.total).toBe('50.00');
    await read;
    expect(settled).toBe(true);
  });
});
