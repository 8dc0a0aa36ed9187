// The screens' worker calls driven directly in Node on a real Dexie database
// (fake-indexeddb): what the Invoices, Accounts and Service mapping screens are answered.
import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../../support/test-db.ts';
import { scenario, uploadsEachDay } from '../../../support/billing.ts';
import { CATALOG } from '../../../../shared/catalog/modules.ts';
import { postInvoice } from '../../../../shared/posting/post.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { loadConfig } from '../../../../web/src/lib/db/config.ts';
import { recordEdit } from '../../../../web/src/lib/db/changes.ts';
import { EngineSession, workerApi } from '../../../../web/src/lib/engine/session.ts';

/** Three clients billed $5.00 a device (period end) on Datto RMM; Brass also has Datto EDR orgs nobody bills. */
function clients(): Workspace {
  const accounts = [
    { id: 'a1', name: 'Brass Building Supplies' },
    { id: 'a2', name: 'Cobalt Dental' },
    { id: 'a3', name: 'Amber Legal' },
  ];
  return scenario({
    currency: 'USD',
    enabledModules: ['datto-rmm', 'datto-edr'],
    accounts,
    orgMappings: [
      ...accounts.map((a) => ({ module: 'datto-rmm', orgId: `rmm-${a.id}`, accountId: a.id })),
      { module: 'datto-edr', orgId: 'edr-a1', accountId: 'a1' },
    ],
    contracts: accounts.map((a) => ({
      id: `c-${a.id}`, accountId: a.id, name: 'Managed Services', startDate: '2026-01-01', endDate: null,
      services: [{ id: 's1', name: 'Desktop Monitoring', unitPrice: '5.00', unitCost: null, billing: 'period-end' as const }],
      serviceMappings: [{ module: 'datto-rmm', billingType: 'DesktopLaptopMetric', serviceId: 's1' }],
    })),
    uploads: [
      ...uploadsEachDay('datto-rmm', '2026-10-01', '2026-11-30', () => ({
        'rmm-a1': { DesktopLaptopMetric: 10, ServerMetric: 2, PrinterMetric: 0 },
        'rmm-a2': { DesktopLaptopMetric: 20 },
        'rmm-a3': { DesktopLaptopMetric: 30 },
        // a site nobody has mapped yet
        'rmm-new': { DesktopLaptopMetric: 5 },
      })),
      ...uploadsEachDay('datto-edr', '2026-11-01', '2026-11-30', () => ({ 'edr-a1': { TotalDevices: 4 } })),
    ],
  });
}

/** October posted for every client (numbered INV-1…3), Cobalt's posted twice (a second browser, offline), Amber's voided. */
function postedOctober(): Workspace {
  let ws = clients();
  ['a1', 'a2', 'a3'].forEach((accountId, i) => {
    ws = postInvoice(ws, accountId, '2026-10', { number: `INV-${i + 1}`, postedAt: `2026-11-02T10:0${i}:00Z`, id: `inv-${accountId}-2026-10`, asOf: '2026-11-02' });
  });
  const cobalt = ws.invoices.find((i) => i.accountId === 'a2');
  if (!cobalt) throw new Error('no Cobalt invoice');
  return {
    ...ws,
    invoices: [
      ...ws.invoices.map((i) => (i.accountId === 'a3' ? { ...i, status: 'voided' as const } : i)),
      { ...cobalt, id: 'inv-a2-2026-10-again', number: 'INV-4', postedAt: '2026-11-02T11:00:00Z' },
    ],
  };
}

const freshDb = freshDatabases('views-api', postedOctober);

async function setUp() {
  const db = await freshDb();
  const api = workerApi(new EngineSession(db));
  const inputs = async () => ({ config: await loadConfig(db), uploadsVersion: 1, today: '2026-12-02' });
  return { db, api, inputs };
}

describe('invoice list', () => {
  it('lists every stored invoice newest first by number, flags the later duplicate post and totals the posted ones', async () => {
    const { api, inputs } = await setUp();
    const view = await api.invoiceList(await inputs(), { status: 'all', search: '', page: 0, pageSize: 50 });
    expect(view.rows.map((r) => [r.number, r.account, r.status, r.total, r.duplicate])).toEqual([
      ['INV-1', 'Brass Building Supplies', 'posted', '50.00', false],
      ['INV-2', 'Cobalt Dental', 'posted', '100.00', false],
      ['INV-3', 'Amber Legal', 'voided', '150.00', false],
      ['INV-4', 'Cobalt Dental', 'posted', '100.00', true],
    ]);
    expect(view.postedTotal).toBe('250.00');
    expect([view.stored, view.posted, view.voided]).toEqual([4, 3, 1]);
  });

  it('filters by status and searches account, number or period; pages what matches', async () => {
    const { api, inputs } = await setUp();
    const posted = await api.invoiceList(await inputs(), { status: 'posted', search: 'cobalt', page: 0, pageSize: 1 });
    expect(posted.rows.map((r) => r.number)).toEqual(['INV-2']);
    expect(posted.info).toEqual({ page: 0, pageSize: 1, pages: 2, total: 2 });
    expect(posted.postedTotal).toBe('200.00');
    const byNumber = await api.invoiceList(await inputs(), { status: 'all', search: 'inv-3', page: 0, pageSize: 50 });
    expect(byNumber.rows.map((r) => r.account)).toEqual(['Amber Legal']);
    const byPeriod = await api.invoiceList(await inputs(), { status: 'voided', search: '2026-10', page: 0, pageSize: 50 });
    expect(byPeriod.rows.map((r) => r.number)).toEqual(['INV-3']);
  });

  it('shows a renamed account by its new name once the inputs move', async () => {
    const { db, api, inputs } = await setUp();
    await recordEdit(db, { table: 'accounts', id: 'a1', fields: { name: 'Brass & Co' } });
    const view = await api.invoiceList(await inputs(), { status: 'all', search: 'brass', page: 0, pageSize: 50 });
    expect(view.rows.map((r) => r.account)).toEqual(['Brass & Co']);
  });
});

describe('account list', () => {
  it('pages the accounts by name with their mapped orgs, searching by name', async () => {
    const { api, inputs } = await setUp();
    const first = await api.accountList(await inputs(), { search: '', page: 0, pageSize: 2 });
    expect(first.rows).toEqual([
      { id: 'a3', name: 'Amber Legal', mappedOrgs: 1 },
      { id: 'a1', name: 'Brass Building Supplies', mappedOrgs: 2 },
    ]);
    expect(first.info.pages).toBe(2);
    expect(first.accounts).toBe(3);
    const found = await api.accountList(await inputs(), { search: 'dental', page: 0, pageSize: 2 });
    expect(found.rows.map((r) => r.name)).toEqual(['Cobalt Dental']);
    expect(found.mappedOrgs).toBe(1);
  });
});

describe('service mapping tab', () => {
  it('lists only the billing types the account reports or has chosen, with the contract figures per service', async () => {
    const { api, inputs } = await setUp();
    const view = await api.serviceMapping(await inputs(), {
      accountId: 'a1', contractId: 'c-a1', period: '2026-11', allTypes: false,
      mappings: [{ module: 'datto-rmm', billingType: 'DesktopLaptopMetric', serviceId: 's1' }],
    });
    expect(view.modules.map((m) => [m.id, m.orgs, m.types.map((t) => `${t.id}${t.reported ? '' : ' (chosen)'}`)])).toEqual([
      // a type reported only as 0 (printers) is not the account's
      ['datto-rmm', 1, ['DesktopLaptopMetric', 'ServerMetric']],
      ['datto-edr', 1, ['TotalDevices']],
    ]);
    expect(view.serviceTotals).toEqual({ s1: '50.00' });
    expect(view.hiddenTypes).toBeGreaterThan(10);
  });

  it('keeps a chosen type the account does not report, and shows every type when asked', async () => {
    const { api, inputs } = await setUp();
    const query = {
      accountId: 'a2', contractId: 'c-a2', period: '2026-11',
      mappings: [{ module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true as const }],
    };
    const own = await api.serviceMapping(await inputs(), { ...query, allTypes: false });
    expect(own.modules.map((m) => m.types.map((t) => t.id))).toEqual([['DesktopLaptopMetric', 'PrinterMetric']]);
    const all = await api.serviceMapping(await inputs(), { ...query, allTypes: true });
    const rmm = CATALOG.find((m) => m.id === 'datto-rmm');
    expect(all.modules[0]?.types.map((t) => t.id)).toEqual(rmm?.billingTypes.map((t) => t.id));
    expect(own.hiddenTypes).toBe((rmm?.billingTypes.length ?? 0) - 2);
    expect(all.hiddenTypes).toBe(0);
  });
});

describe('insights view', () => {
  it('counts every row of a section and shows its first rows, or all of a section asked whole', async () => {
    const { api, inputs } = await setUp();
    const first = await api.insightsView(await inputs(), { limit: 0, all: [] });
    expect(first.unmappedOrgs).toEqual({ count: 1, total: 1, rows: [] });
    // Brass reports servers and EDR endpoints no contract maps
    expect([first.unmappedTypes.count, first.unmappedTypes.total]).toEqual([2, 2]);
    const whole = await api.insightsView(await inputs(), { limit: 0, all: ['unmappedOrgs', 'unmappedTypes'] });
    expect(whole.unmappedOrgs.rows.map((r) => r.orgId)).toEqual(['rmm-new']);
    expect(whole.unmappedTypes.rows.map((g) => [g.accountId, g.module, g.types.map((t) => t.billingType)]).sort()).toEqual([
      ['a1', 'datto-edr', ['TotalDevices']],
      ['a1', 'datto-rmm', ['ServerMetric']],
    ]);
    expect(whole.accountNames).toEqual({ a1: 'Brass Building Supplies' });
  });
});
