// The service editor's worked example, computed by the very object the engine worker
// exposes, on a database holding the account: the draft contract replaces the stored one.
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../support/test-db.ts';
import { loadConfig } from '../../../web/src/lib/db/config.ts';
import { dataVersion } from '../../../web/src/lib/db/data-version.ts';
import { EngineSession, workerApi } from '../../../web/src/lib/engine/session.ts';
import { withDraftContract, workedExample } from '../../../web/src/lib/billing/worked-example.ts';
import { oneService, uploadsEachDay } from '../../support/billing.ts';

const freshDb = freshDatabases('worked-example-test', () => oneService({
  uploads: uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-30', (day) => ({ 's-17': { AllDevicesMetric: day <= '2026-11-15' ? 10 : 11 } })),
}));

describe('worked example of a contract being edited', () => {
  it('given 10 devices then 11 at $5.00, when the draft changes the price to $6.00 and the mode to period end, then this month reads $66.00, and nothing is saved', async () => {
    const db = await freshDb();
    const api = workerApi(new EngineSession(db));
    const config = await loadConfig(db);
    const stored = config.contracts[0];
    if (!stored) throw new Error('no contract');
    const version = await dataVersion(db);
    // The draft travels alone; the worker reads everything else from IndexedDB itself.
    const compute = (c: typeof config) => api.compute({ version, today: '2026-12-01', draftContract: c.contracts.find((k) => k.id === stored.id) ?? stored }, '2026-11', { asOf: '2026-12-01', accounts: [stored.accountId] });

    const asStored = await workedExample(compute, config, stored);
    expect(asStored.services.s1).toEqual({ amount: '52.50', lines: [expect.objectContaining({ module: 'datto-rmm', quantity: '10.5000', amount: '52.50' })] });

    const draft = { ...stored, services: stored.services.map((s) => ({ ...s, unitPrice: '6.00', billing: 'period-end' as const })) };
    const edited = await workedExample(compute, config, draft);
    expect(edited).toEqual({ period: '2026-11', asOf: '2026-12-01', currency: 'USD', services: { s1: { amount: '66.00', lines: [expect.objectContaining({ quantity: '11.0000', amount: '66.00' })] } } });
    expect((await loadConfig(db)).contracts[0]?.services[0]?.unitPrice).toBe('5.00');
  });

  it('a new contract not yet saved is added, not lost', async () => {
    const db = await freshDb();
    const config = await loadConfig(db);
    const stored = config.contracts[0];
    if (!stored) throw new Error('no contract');
    const added = withDraftContract(config, { ...stored, id: 'c2', name: 'Second' });
    expect(added.contracts.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(withDraftContract(config, { ...stored, name: 'Renamed' }).contracts.map((c) => c.name)).toEqual(['Renamed']);
  });
});
