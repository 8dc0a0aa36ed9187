// The accounting CSV export answered by the engine worker's call on a real Dexie database
// (fake-indexeddb): the file it writes is the shared export of the stored invoices, and
// what it holds is remembered once the page saved it, so the next "not yet exported" is empty.
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../support/test-db.ts';
import { desktopMonitoring, uploadsEachDay } from '../../../support/billing.ts';
import { exportCsv } from '../../../../shared/export/export.ts';
import { postInvoice } from '../../../../shared/posting/post.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { dataVersion } from '../../../../web/src/lib/db/data-version.ts';
import { rememberExport } from '../../../../web/src/lib/billing/export-memory.ts';
import { EngineSession, workerApi } from '../../../../web/src/lib/engine/session.ts';

/** Brass and Cobalt billed $5.00 a device at period end on Datto RMM; October posted (INV-1, INV-2), Cobalt's voided. */
function postedOctober(): Workspace {
  const accounts = [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Cobalt Dental' }];
  let ws = desktopMonitoring(accounts, {
    startDate: '2026-10-01',
    unitCost: null,
    uploads: uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-31', () => ({ 'rmm-a1': { DesktopLaptopMetric: 10 }, 'rmm-a2': { DesktopLaptopMetric: 20 } })),
  });
  ['a1', 'a2'].forEach((accountId, i) => {
    ws = postInvoice(ws, accountId, '2026-10', { number: `INV-${i + 1}`, postedAt: `2026-11-02T10:0${i}:00Z`, id: `inv-${accountId}`, asOf: '2026-11-02' });
  });
  return ws;
}

const freshDb = freshDatabases('accounting-export', postedOctober);

async function setUp() {
  const db = await freshDb();
  const api = workerApi(new EngineSession(db));
  const inputs = async () => ({ version: await dataVersion(db), today: '2026-11-20' });
  return { db, api, inputs };
}

describe('accounting export in the worker', () => {
  it('writes the Xero CSV of every posted invoice not yet exported: the shared export of the stored invoices', async () => {
    const { api, inputs } = await setUp();
    const answer = await api.accountingExport(await inputs(), { format: 'xero', range: 'pending' });
    const ws = postedOctober();
    const expected = exportCsv(ws.invoices, { currency: 'USD', accounts: ws.accounts, contracts: ws.contracts, modules: [] }, { format: 'xero', reversals: [], skip: new Set() });
    expect(answer.invoices).toEqual([{ id: 'inv-a1', number: 'INV-1' }, { id: 'inv-a2', number: 'INV-2' }]);
    expect(answer.reversals).toEqual([]);
    expect(await answer.csv?.text()).toBe(expected);
    expect(expected).toContain('INV-1');
    expect(expected).toContain('Cobalt Dental');
  });

  it('once remembered, exports nothing new; Cobalt voided after its export then goes out once as a reversal', async () => {
    const { db, api, inputs } = await setUp();
    const first = await api.accountingExport(await inputs(), { format: 'xero', range: 'pending' });
    await rememberExport(db, 'xero', first, '2026-11-20T09:00:00Z');
    const again = await api.accountingExport(await inputs(), { format: 'xero', range: 'pending' });
    expect(again).toEqual({ csv: null, invoices: [], reversals: [] });
    await db.invoices.update('inv-a2', { status: 'voided' });
    const reversal = await api.accountingExport(await inputs(), { format: 'xero', range: 'pending' });
    expect(reversal.invoices).toEqual([]);
    expect(reversal.reversals).toEqual([{ id: 'inv-a2', number: 'INV-2' }]);
    expect(await reversal.csv?.text()).toContain('INV-2');
  });

  it('exports what was issued in a range, whatever was exported before', async () => {
    const { api, inputs } = await setUp();
    const november = await api.accountingExport(await inputs(), { format: 'lines', range: 'dates', from: '2026-11-01', to: '2026-11-30' });
    expect(november.invoices.map((i) => i.number)).toEqual(['INV-1', 'INV-2']);
    const october = await api.accountingExport(await inputs(), { format: 'lines', range: 'dates', from: '2026-10-01', to: '2026-10-31' });
    expect(october.csv).toBeNull();
  });
});
