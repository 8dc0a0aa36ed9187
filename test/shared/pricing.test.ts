// Pricing rules written like invoices: one account, one contract, the uploads, the exact lines.
// Rules: docs/billing-rules.md#pricing.
import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import type { Workspace, WorkspaceInput } from '../../shared/schema/workspace.ts';
import { scenario, uploadsEachDay } from '../support/billing.ts';

type ServiceInput = NonNullable<NonNullable<WorkspaceInput['contracts']>[number]['services']>[number];

// September 2026 (30 days): 10 devices on days 1–15, 11 on days 16–30.
const september = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : 11 } }));

function brass(service: Partial<ServiceInput>, options: { startDate?: string; uploads?: WorkspaceInput['uploads']; asOf?: string; currency?: string; mapped?: boolean } = {}): Workspace {
  const fixed = service.billing === 'fixed';
  return scenario({
    currency: options.currency ?? 'USD',
    asOf: options.asOf ?? '2026-11-05',
    enabledModules: ['datto-rmm'],
    accounts: [{ id: 'a1', name: 'Brass Building Supplies' }],
    orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }],
    contracts: [{
      id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: options.startDate ?? '2026-01-01', endDate: null,
      services: [{ id: 's1', name: 'Workstations', unitPrice: '5.00', unitCost: '1.20', billing: 'daily', ...service }],
      serviceMappings: fixed ? [] : [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }],
    }],
    uploads: options.uploads ?? september,
  });
}

function invoiceOf(ws: Workspace, period: string): Invoice {
  const invoice = computePeriod(ws, period).invoices.find((i) => i.accountId === 'a1');
  if (!invoice) throw new Error('no invoice');
  return invoice;
}

function line(ws: Workspace, period = '2026-09') {
  const first = invoiceOf(ws, period).lines[0];
  if (!first) throw new Error('no line');
  const { kind, module, quantity, unitPrice, amount, cost, basis, estimated } = first;
  return { kind, module, quantity, unitPrice, amount, cost, basis, estimated };
}

describe('the worked examples of the pricing rules', () => {
  it('daily: 10.5000 × 5.00 = 52.50, no basis needed', () => {
    expect(line(brass({}))).toEqual({ kind: 'item', module: 'datto-rmm', quantity: '10.5000', unitPrice: '5.00', amount: '52.50', cost: '12.60', basis: undefined, estimated: false });
  });
  it('period-end: 11 × 5.00 = 55.00', () => {
    expect(line(brass({ billing: 'period-end' }))).toMatchObject({ quantity: '11.0000', amount: '55.00', cost: '13.20', basis: undefined });
  });
  it('5 units included per day, daily: (5 × 15 + 6 × 15) / 30 = 5.5000 → 27.50; cost from the raw 10.5', () => {
    expect(line(brass({ includedQuantity: '5' }))).toMatchObject({ quantity: '5.5000', amount: '27.50', cost: '12.60', basis: '5.5 × 5.00 (5 included per day)' });
  });
  it('graduated tiers, period-end, Q = 11: 10 × 5.00 + 1 × 4.00 = 54.00', () => {
    const tiers = [{ upTo: '10', unitPrice: '5.00' }, { upTo: null, unitPrice: '4.00' }];
    expect(line(brass({ billing: 'period-end', tiers }))).toMatchObject({ quantity: '11.0000', amount: '54.00', cost: '13.20', basis: '10 × 5.00 + 1 × 4.00 (graduated)' });
  });
  it('volume tiers, same list: all 11 at 4.00 = 44.00', () => {
    const tiers = [{ upTo: '10', unitPrice: '5.00' }, { upTo: null, unitPrice: '4.00' }];
    expect(line(brass({ billing: 'period-end', tiers, tierMode: 'volume' }))).toMatchObject({ quantity: '11.0000', amount: '44.00', basis: '11 × 4.00 (volume)' });
  });
});

describe('tiers', () => {
  const backup = [{ upTo: '10', unitPrice: '12.00', flatFee: '25.00' }, { upTo: null, unitPrice: '9.00' }];
  const thirteen = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d === '2026-09-12' ? 13 : 4 } }));
  it('graduated with a flat fee: peak 13 → 10 × 12.00 + 25.00 + 3 × 9.00 = 172.00', () => {
    expect(line(brass({ billing: 'peak', unitPrice: '0', tiers: backup, tierMode: 'graduated' }, { uploads: thirteen }))).toMatchObject({ quantity: '13.0000', amount: '172.00', basis: '10 × 12.00 + 25.00 + 3 × 9.00 (graduated)' });
  });
  it('volume with a flat fee: peak 13 lands in the open tier, 13 × 9.00 = 117.00 (no fee there)', () => {
    expect(line(brass({ billing: 'peak', unitPrice: '0', tiers: backup, tierMode: 'volume' }, { uploads: thirteen }))).toMatchObject({ amount: '117.00', basis: '13 × 9.00 (volume)' });
  });
  it('a quantity of 0 costs 0 under volume tiers, and enters no tier under graduated ones', () => {
    const none = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', () => ({ 's-17': { AllDevicesMetric: 0 } }));
    expect(line(brass({ billing: 'peak', tiers: backup, tierMode: 'volume' }, { uploads: none }))).toMatchObject({ amount: '0.00', basis: '0 (volume)' });
    expect(line(brass({ billing: 'peak', tiers: backup }, { uploads: none }))).toMatchObject({ amount: '0.00', basis: '0 (graduated)' });
  });
  it('chooses the tier by the exact Q, not its 4-decimal display', () => {
    // 29 days of 10 and one of 10.0001: Q = 300.0001 / 30 = 10.0000033…, shown 10.0000, yet above 10.
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d === '2026-09-30' ? '10.0001' : 10 } }));
    const tiers = [{ upTo: '10', unitPrice: '5.00' }, { upTo: null, unitPrice: '4.00' }];
    expect(line(brass({ tiers, tierMode: 'volume' }, { uploads }))).toMatchObject({ quantity: '10.0000', amount: '40.00' });
    expect(line(brass({ tiers }, { uploads }))).toMatchObject({ quantity: '10.0000', amount: '50.00' });
  });
  it('prorates a tiered period-end price by the active days', () => {
    // Started 16 October (16 of 31 days), 11 devices: (10 × 5.00 + 1 × 4.00) × 16/31 = 27.870… → 27.87.
    const october = uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-31', () => ({ 's-17': { AllDevicesMetric: 11 } }));
    const tiers = [{ upTo: '10', unitPrice: '5.00' }, { upTo: null, unitPrice: '4.00' }];
    expect(line(brass({ billing: 'period-end', tiers }, { startDate: '2026-10-16', uploads: october }), '2026-10')).toMatchObject({ amount: '27.87', basis: '(10 × 5.00 + 1 × 4.00) × 16/31 days (graduated)' });
  });
});

describe('minimums (a commitment) and included units, per day', () => {
  it('a minimum of 20 bills 20 a day although 10–11 are reported; cost is for the real 10.5', () => {
    expect(line(brass({ minimumQuantity: '20' }))).toMatchObject({ quantity: '20.0000', amount: '100.00', cost: '12.60', basis: '20 × 5.00 (minimum 20 per day)' });
  });
  it('minimum 20 and 10 included: max(q, 20) − 10 = 10 a day → 50.00', () => {
    expect(line(brass({ minimumQuantity: '20', includedQuantity: '10' }))).toMatchObject({ quantity: '10.0000', amount: '50.00', basis: '10 × 5.00 (minimum 20, 10 included per day)' });
  });
  it('more included than used bills 0, never a negative quantity', () => {
    expect(line(brass({ includedQuantity: '12' }))).toMatchObject({ quantity: '0.0000', amount: '0.00', cost: '12.60' });
  });
});

describe('fixed fees', () => {
  it('a flat monthly fee is one line with no module: 1 × 1500.00, never estimated', () => {
    const ws = brass({ billing: 'fixed', name: 'Managed services', unitPrice: '1500.00', unitCost: null }, { asOf: '2026-09-03' });
    expect(line(ws)).toEqual({ kind: 'item', module: null, quantity: '1.0000', unitPrice: '1500.00', amount: '1500.00', cost: null, basis: undefined, estimated: false });
  });
  it('a fixed fee starting mid-month: 11 × 5.00 × 16/31 days = 28.39, cost alike', () => {
    const ws = brass({ billing: 'fixed', quantity: '11', unitCost: '2.00' }, { startDate: '2026-10-16' });
    expect(line(ws, '2026-10')).toMatchObject({ module: null, quantity: '11.0000', amount: '28.39', cost: '11.35', basis: '11 × 5.00 × 16/31 days' });
  });
  it('bills a fixed fee although the account reports no usage at all', () => {
    const ws = brass({ billing: 'fixed', unitPrice: '99.00' }, { uploads: [] });
    expect(invoiceOf(ws, '2026-09')).toMatchObject({ subtotal: '99.00', total: '99.00' });
  });
  it('refuses a billing type mapped to a fixed service, naming the mapping', () => {
    expect(() => scenario({
      accounts: [{ id: 'a1', name: 'A' }],
      contracts: [{ id: 'c1', accountId: 'a1', name: 'M', startDate: '2026-01-01', services: [{ id: 's1', name: 'Fee', unitPrice: '1', billing: 'fixed' }],
        serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }] }],
    })).toThrow('contracts[0].serviceMappings[0].serviceId');
  });
});

describe('part months of plain usage services', () => {
  it('period-end from the 16th of October: 11 × 5.00 × 16/31 days = 28.39', () => {
    const october = uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-31', () => ({ 's-17': { AllDevicesMetric: 11 } }));
    expect(line(brass({ billing: 'period-end' }, { startDate: '2026-10-16', uploads: october }), '2026-10')).toMatchObject({ quantity: '11.0000', amount: '28.39', basis: '11 × 5.00 × 16/31 days' });
  });
});

describe('price changes by period', () => {
  const octoberToo = [...september, ...uploadsEachDay('datto-rmm', '2026-10-01', '2026-11-30', () => ({ 's-17': { AllDevicesMetric: 10 } }))];
  const changes = { priceChanges: [{ from: '2026-10', unitPrice: '5.50', unitCost: '1.50' }, { from: '2026-11', unitPrice: '6.00' }] };
  it('bills each period at the latest change from on or before it; earlier periods keep the old price', () => {
    const ws = brass(changes, { uploads: octoberToo, asOf: '2026-12-05' });
    expect(line(ws, '2026-09')).toMatchObject({ unitPrice: '5.00', amount: '52.50', cost: '12.60' });
    expect(line(ws, '2026-10')).toMatchObject({ unitPrice: '5.50', amount: '55.00', cost: '15.00' });
  });
  it('a change keeps what it does not name from the changes before it (cumulative)', () => {
    const ws = brass(changes, { uploads: octoberToo, asOf: '2026-12-05' });
    // November: price 6.00 from the second change, cost 1.50 still from the first.
    expect(line(ws, '2026-11')).toMatchObject({ unitPrice: '6.00', amount: '60.00', cost: '15.00' });
  });
  it('a price change may replace the tiers', () => {
    const tiers = [{ upTo: '10', unitPrice: '5.00' }, { upTo: null, unitPrice: '4.00' }];
    const ws = brass({ billing: 'period-end', tiers, priceChanges: [{ from: '2026-10', tiers: [{ upTo: null, unitPrice: '3.00' }] }] }, { uploads: octoberToo, asOf: '2026-12-05' });
    expect(line(ws, '2026-09')).toMatchObject({ amount: '54.00' });
    expect(line(ws, '2026-10')).toMatchObject({ amount: '30.00', basis: '10 × 3.00 (graduated)' });
  });
});
