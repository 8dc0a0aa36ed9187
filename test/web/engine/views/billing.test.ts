// The Billing screen's page as the worker answers it: filtered, searched, grouped, paged,
// and totalled over every matching invoice (not only the page).
import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../../../shared/invoice/compute-period.ts';
import { sumAmounts } from '../../../../shared/money/sum.ts';
import { billingView, pageAccounts, withDaily, type BillingQuery } from '../../../../web/src/lib/engine/views/billing.ts';
import { scenario, uploadsEachDay } from '../../../support/billing.ts';
import { generateMsp, MSP_SCALE } from '../../../bench/msp.ts';

/** Three clients on Datto RMM and Datto EDR, $5.00 a device a day (daily), November 2026. */
function threeClients() {
  const accounts = [
    { id: 'a1', name: 'Brass Building Supplies' },
    { id: 'a2', name: 'Cobalt Dental' },
    { id: 'a3', name: 'Amber Legal' },
  ];
  return scenario({
    currency: 'USD',
    enabledModules: ['datto-rmm', 'datto-edr'],
    accounts,
    orgMappings: accounts.flatMap((a) => [
      { module: 'datto-rmm', orgId: `rmm-${a.id}`, accountId: a.id },
      ...(a.id === 'a2' ? [] : [{ module: 'datto-edr', orgId: `edr-${a.id}`, accountId: a.id }]),
    ]),
    contracts: accounts.map((a) => ({
      id: `c-${a.id}`, accountId: a.id, name: 'Managed Services', startDate: '2026-01-01', endDate: null,
      services: [
        { id: 's1', name: 'Desktop Monitoring', unitPrice: '5.00', unitCost: '1.00', billing: 'period-end' as const },
        { id: 's2', name: 'Endpoint detection', unitPrice: '3.00', unitCost: null, billing: 'period-end' as const },
      ],
      serviceMappings: [
        { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
        { module: 'datto-edr', billingType: 'TotalDevices', serviceId: 's2' },
      ],
    })),
    uploads: [
      // a1: 10 devices, a2: 20, a3: 30 on RMM; a1 4 and a3 6 endpoints on EDR
      ...uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-30', () => ({ 'rmm-a1': { AllDevicesMetric: 10 }, 'rmm-a2': { AllDevicesMetric: 20 }, 'rmm-a3': { AllDevicesMetric: 30 } })),
      ...uploadsEachDay('datto-edr', '2026-11-01', '2026-11-30', () => ({ 'edr-a1': { TotalDevices: 4 }, 'edr-a3': { TotalDevices: 6 } })),
    ],
  });
}

const names = new Map([['a1', 'Brass Building Supplies'], ['a2', 'Cobalt Dental'], ['a3', 'Amber Legal']]);
const query = (over: Partial<BillingQuery> = {}): BillingQuery => ({ period: '2026-11', module: '', search: '', groupBy: 'account', page: 0, pageSize: 50, ...over });

describe('billing view', () => {
  const result = computePeriod(threeClients(), '2026-11', { asOf: '2026-12-02' });

  it('lists accounts by name with their invoices and totals every pending line', () => {
    const view = billingView(result, names, query());
    expect(view.accounts.map((a) => [a.accountName, a.invoice.total])).toEqual([
      ['Amber Legal', '168.00'], // 30 × 5 + 6 × 3
      ['Brass Building Supplies', '62.00'], // 10 × 5 + 4 × 3
      ['Cobalt Dental', '100.00'], // 20 × 5
    ]);
    // EDR has no cost: its lines have no margin either
    expect(view.totals).toEqual({ pending: '330.00', cost: '60.00', margin: '240.00', posted: '0.00', drafts: 3 });
    expect(view.modules).toEqual([['datto-edr', 'Datto EDR'], ['datto-rmm', 'Datto RMM']]);
    expect(view.info).toEqual({ page: 0, pageSize: 50, pages: 1, total: 3 });
  });

  it('filters by module: only accounts with lines of it, only those lines, totals of those lines', () => {
    const view = billingView(result, names, query({ module: 'datto-edr' }));
    expect(view.accounts.map((a) => [a.accountName, a.lines.map((l) => l.amount)])).toEqual([
      ['Amber Legal', ['18.00']],
      ['Brass Building Supplies', ['12.00']],
      // the contract maps EDR, no org reports it: a line of nothing
      ['Cobalt Dental', ['0.00']],
    ]);
    expect(view.totals.pending).toBe('30.00');
    expect(view.totals.cost).toBeNull();
    expect(view.postAll.withoutZero).toEqual({ accountIds: ['a3', 'a1', 'a2'], total: '330.00', zero: 0 });
    const cobalt = billingView(result, names, query({ module: 'datto-edr', search: 'cobalt' }));
    expect(cobalt.totals.pending).toBe('0.00');
  });

  it('searches account names by every word, case-insensitively', () => {
    const view = billingView(result, names, query({ search: 'legal AMBER' }));
    expect(view.accounts.map((a) => a.accountName)).toEqual(['Amber Legal']);
    expect(view.totals.pending).toBe('168.00');
  });

  it('pages the accounts, and the totals still cover every page', () => {
    const second = billingView(result, names, query({ page: 1, pageSize: 2 }));
    expect(second.accounts.map((a) => a.accountName)).toEqual(['Cobalt Dental']);
    expect(second.info).toEqual({ page: 1, pageSize: 2, pages: 2, total: 3 });
    expect(second.totals.pending).toBe('330.00');
    // a page past the end shows the last one
    expect(billingView(result, names, query({ page: 9, pageSize: 2 })).info.page).toBe(1);
  });

  it('groups by module with each module subtotal over all its lines, paged by line', () => {
    const view = billingView(result, names, query({ groupBy: 'module', pageSize: 2 }));
    expect(view.groups.map((g) => [g.name, g.subtotal, g.lineCount, g.lines.map((l) => l.accountName)])).toEqual([
      ['Datto EDR', '30.00', 3, ['Amber Legal', 'Brass Building Supplies']],
    ]);
    const next = billingView(result, names, query({ groupBy: 'module', pageSize: 2, page: 1 }));
    expect(next.groups.map((g) => [g.name, g.subtotal, g.lines.map((l) => l.accountName)])).toEqual([
      ['Datto EDR', '30.00', ['Cobalt Dental']],
      ['Datto RMM', '300.00', ['Amber Legal']],
    ]);
    expect(next.info.total).toBe(6);
  });

  it('takes the page rows daily quantities from a result of the page accounts only', () => {
    const view = billingView(result, names, query({ pageSize: 1 }));
    expect(pageAccounts(view)).toEqual(['a3']);
    const daily = computePeriod(threeClients(), '2026-11', { asOf: '2026-12-02', daily: true, accounts: pageAccounts(view) });
    const shown = withDaily(view, daily, '');
    expect(shown.accounts[0]?.lines.map((l) => l.daily?.length)).toEqual([30, 30]);
    expect(shown.accounts[0]?.invoice.total).toBe('168.00');
  });
});

describe('billing view at size', () => {
  it('at 2,000 accounts a page holds 50 and the totals equal the sums over every account', () => {
    const ws = generateMsp(MSP_SCALE);
    const result = computePeriod(ws, MSP_SCALE.period, { asOf: '2026-11-05' });
    const accountNames = new Map(ws.accounts.map((a) => [a.id, a.name]));
    const view = billingView(result, accountNames, query({ period: MSP_SCALE.period }));
    expect(view.accounts).toHaveLength(50);
    expect(view.info.total).toBe(result.invoices.length);
    expect(result.invoices.length).toBeGreaterThan(1_900);
    const drafts = result.invoices.filter((i) => i.status === 'draft');
    expect(view.totals.pending).toBe(sumAmounts(drafts.flatMap((i) => i.lines.map((l) => l.amount)), result.currency));
    expect(view.postAll.withZero.accountIds).toHaveLength(drafts.length);
    // the answer that crosses to the page is one page, not the period
    expect(JSON.stringify(view).length).toBeLessThan(JSON.stringify(result).length / 20);

    const module = view.modules[0]?.[0] ?? '';
    const filtered = billingView(result, accountNames, query({ period: MSP_SCALE.period, module, groupBy: 'module', pageSize: 100 }));
    const moduleLines = drafts.flatMap((i) => i.lines.filter((l) => l.module === module));
    expect(filtered.groups.flatMap((g) => g.lines)).toHaveLength(100);
    expect(filtered.groups[0]?.subtotal).toBe(sumAmounts(moduleLines.map((l) => l.amount), result.currency));
    expect(filtered.info.total).toBe(moduleLines.length);
  });
});
