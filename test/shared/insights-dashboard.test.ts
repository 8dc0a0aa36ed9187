import { describe, expect, it } from 'vitest';
import { dashboard } from '../../shared/insights/dashboard.ts';
import { revenueByModule, revenueTotals } from '../../shared/insights/revenue.ts';
import { unitsTrend } from '../../shared/insights/trend.ts';
import { postInvoice } from '../../shared/posting/post.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import { scenario, uploadsEachDay } from '../support/billing.ts';

/** Brass: RMM devices at $5.00 (cost $1.20) daily, EDR at $3.50 with no cost, period end; Rose: RMM devices at $4.00 (cost $1.00). */
function november() {
  return scenario({
    enabledModules: ['datto-rmm', 'datto-edr'],
    accounts: [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Rosewood Real Estate' }],
    orgMappings: [
      { module: 'datto-rmm', orgId: 's-17', accountId: 'a1' },
      { module: 'datto-edr', orgId: 'e-17', accountId: 'a1' },
      { module: 'datto-rmm', orgId: 's-20', accountId: 'a2' },
    ],
    contracts: [
      {
        id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01',
        services: [
          { id: 's1', name: 'Workstations', unitPrice: '5.00', unitCost: '1.20', billing: 'daily' },
          { id: 's2', name: 'Endpoint detection', unitPrice: '3.50', billing: 'period-end' },
        ],
        serviceMappings: [
          { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
          { module: 'datto-edr', billingType: 'TotalDevices', serviceId: 's2' },
        ],
      },
      {
        id: 'c2', accountId: 'a2', name: 'Managed Services', startDate: '2026-01-01',
        services: [{ id: 's1', name: 'Devices', unitPrice: '4.00', unitCost: '1.00', billing: 'daily' }],
        serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }],
      },
    ],
    uploads: [
      ...uploadsEachDay('datto-rmm', '2026-11-01', '2026-11-30', (day) => ({ 's-17': { AllDevicesMetric: day <= '2026-11-15' ? 10 : 11 }, 's-20': { AllDevicesMetric: 3 } })),
      ...uploadsEachDay('datto-edr', '2026-11-01', '2026-11-30', () => ({ 'e-17': { TotalDevices: 8 } })),
    ],
  });
}

describe('dashboard: revenue per module', () => {
  it('given two accounts on RMM and one on EDR, then each module sums its lines, and margin counts only costed lines', () => {
    const board = dashboard(november(), '2026-11', { asOf: '2026-12-05' });
    // RMM: Brass 10.5 × 5.00 = 52.50 (cost 12.60), Rose 3 × 4.00 = 12.00 (cost 3.00); EDR: 8 × 3.50 = 28.00, no cost
    expect(board.revenue.map((r) => [r.module, r.pending, r.posted, r.total, r.cost, r.margin, r.uncostedLines])).toEqual([
      ['datto-edr', '28.00', '0.00', '28.00', '0.00', '0.00', 1],
      ['datto-rmm', '64.50', '0.00', '64.50', '15.60', '48.90', 0],
    ]);
    expect(board.revenue[0]?.uncostedServices).toEqual([{ contractId: 'c1', serviceId: 's2', serviceName: 'Endpoint detection' }]);
    const all = revenueTotals(board.revenue, 'USD');
    expect([all.pending, all.costedAmount, all.cost, all.margin, all.uncostedServices.length]).toEqual(['92.50', '64.50', '15.60', '48.90', 1]);
    expect(revenueTotals(board.revenue, 'USD', 'datto-edr').total).toBe('28.00');
  });

  it('when Brass is posted, then its lines count as posted and Rose stays pending', () => {
    const ws = postInvoice(november(), 'a1', '2026-11', { number: 'INV-000001', postedAt: '2026-12-02T10:00:00Z', asOf: '2026-12-02' });
    const board = dashboard(ws, '2026-11', { asOf: '2026-12-05' });
    expect(board.revenue.map((r) => [r.module, r.pending, r.posted])).toEqual([['datto-edr', '0.00', '28.00'], ['datto-rmm', '12.00', '52.50']]);
  });

  it('voided invoices are not revenue', () => {
    const invoice: Invoice = { accountId: 'a1', period: '2026-11', status: 'voided', number: 'INV-000009', total: '5.00',
      lines: [{ kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-11', quantity: '1.0000', amount: '5.00', cost: null, estimated: false }] };
    expect(revenueByModule([invoice], 'USD')).toEqual([]);
  });
});

describe('dashboard: trend of billed units', () => {
  it('given a finished month, then the window ends on its last day and each day sums the module\'s billed units', () => {
    const board = dashboard(november(), '2026-11', { asOf: '2026-12-05' });
    expect(board.trend.days[0]).toBe('2026-11-01');
    expect(board.trend.days.at(-1)).toBe('2026-11-30');
    const rmm = board.trend.modules.find((m) => m.module === 'datto-rmm');
    expect(rmm?.units[0]).toBe('13.0000');
    expect(rmm?.units[29]).toBe('14.0000');
    expect(board.trend.modules.map((m) => m.module)).toEqual(['datto-edr', 'datto-rmm']);
  });

  it('given the month in progress, then the window ends on asOf, reaches into the previous month and never shows projected days', () => {
    const board = dashboard(november(), '2026-11', { asOf: '2026-11-10', trendDays: 14 });
    expect(board.trend.days).toHaveLength(14);
    expect(board.trend.days[0]).toBe('2026-10-28');
    const rmm = board.trend.modules.find((m) => m.module === 'datto-rmm');
    // October has no uploads: its days bill 0 units
    expect(rmm?.units.slice(0, 5)).toEqual(['0.0000', '0.0000', '0.0000', '0.0000', '13.0000']);
    expect(rmm?.units.at(-1)).toBe('13.0000');
  });

  it('adjustments and estimated days carry no units', () => {
    const invoice: Invoice = { accountId: 'a1', period: '2026-11', status: 'draft', number: null, total: '0.00', lines: [
      { kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-11', quantity: '1.0000', amount: '5.00', cost: null, estimated: true,
        daily: [{ date: '2026-11-01', quantity: '2.5000', carried: false, estimated: false }, { date: '2026-11-02', quantity: '2.5000', carried: true, estimated: true }] },
      { kind: 'adjustment', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-10', quantity: '1.0000', amount: '1.00', cost: null, estimated: false,
        daily: [{ date: '2026-11-01', quantity: '7.0000', carried: false, estimated: false }] },
    ] };
    expect(unitsTrend([invoice], { from: '2026-11-01', to: '2026-11-02' }).modules).toEqual([{ module: 'datto-rmm', moduleName: 'datto-rmm', units: ['2.5000', '0.0000'] }]);
  });
});
