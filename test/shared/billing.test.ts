import { describe, expect, it } from 'vitest';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { explainItem } from '../../shared/billing/explain.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import type { Invoice } from '../../shared/schema/invoice.ts';
import { oneService, scenario, upload, uploadsEachDay, type OrgRows } from '../support/billing.ts';

/** The workspace-document fields (docs/billing-rules.md#workspace-document) of every line of an account's invoice. */
function linesOf(ws: Workspace, period: string, accountId = 'a1') {
  return invoiceOf(ws, period, accountId).lines.map(({ kind, contractId, serviceId, module, period: p, quantity, amount, cost, estimated }) => ({ kind, contractId, serviceId, module, period: p, quantity, amount, cost, estimated }));
}

function invoiceOf(ws: Workspace, period: string, accountId = 'a1'): Invoice {
  const invoice = computePeriod(ws, period).invoices.find((i) => i.accountId === accountId);
  if (!invoice) throw new Error(`no invoice for ${accountId}`);
  return invoice;
}

const rmmLine = { kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', estimated: false } as const;

// The modes' worked example (docs/billing-rules.md#modes): $5.00/device, a 30-day month, 10 devices on days 1–15 and 11 on days 16–30.
const specExample = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : 11 } }));

describe('the worked example of the billing modes', () => {
  it('daily: quantity 10.5000, amount 52.50, cost at 1.20 = 12.60', () => {
    const ws = oneService({ billing: 'daily', uploads: specExample, asOf: '2026-09-30' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: '10.5000', amount: '52.50', cost: '12.60' }]);
    expect(invoiceOf(ws, '2026-09')).toMatchObject({ total: '52.50', status: 'draft', number: null, creditNote: false });
    expect(invoiceOf(ws, '2026-09').lines[0]?.margin).toBe('39.90');
  });
  it('period-end: 11 → 55.00', () => {
    const ws = oneService({ billing: 'period-end', uploads: specExample, asOf: '2026-09-30' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: '11.0000', amount: '55.00', cost: '13.20' }]);
  });
  it('peak: max 11 → 55.00', () => {
    const ws = oneService({ billing: 'peak', uploads: specExample, asOf: '2026-09-30' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: '11.0000', amount: '55.00', cost: '13.20' }]);
  });
  it('peak takes the maximum, period-end the last day, daily the average, when they differ', () => {
    // 10 on days 1–15, 12 on 16–20, 11 on 21–30: Σ = 320 device-days.
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-15' ? 10 : d <= '2026-09-20' ? 12 : 11 } }));
    const amounts = (['daily', 'period-end', 'peak'] as const).map((billing) => linesOf(oneService({ billing, uploads, asOf: '2026-09-30' }), '2026-09')[0]);
    expect(amounts.map((l) => [l?.quantity, l?.amount])).toEqual([['10.6667', '53.33'], ['11.0000', '55.00'], ['12.0000', '60.00']]);
  });
});

describe('contracts starting or ending inside the month', () => {
  const flat = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', () => ({ 's-17': { AllDevicesMetric: 10 } }));
  it('starting on the 11th bills 20 of 30 days in every mode', () => {
    for (const billing of ['daily', 'period-end', 'peak'] as const) {
      const ws = oneService({ billing, startDate: '2026-09-11', uploads: flat, asOf: '2026-09-30' });
      const expected = billing === 'daily' ? '6.6667' : '10.0000';
      expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: expected, amount: '33.33', cost: '8.00' }]);
    }
  });
  it('ending on the 10th bills its active days; period-end reads the last active day', () => {
    // 8 devices on days 1–5, 12 from day 6: active days 1–10 sum to 100 device-days.
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d <= '2026-09-05' ? 8 : 12 } }));
    const line = (billing: 'daily' | 'period-end' | 'peak') => linesOf(oneService({ billing, endDate: '2026-09-10', uploads, asOf: '2026-09-30' }), '2026-09')[0];
    expect(line('daily')).toMatchObject({ quantity: '3.3333', amount: '16.67', cost: '4.00' });
    expect(line('period-end')).toMatchObject({ quantity: '12.0000', amount: '20.00', cost: '4.80' });
    expect(line('peak')).toMatchObject({ quantity: '12.0000', amount: '20.00' });
  });
  it('has no item in a month outside the contract, and so no invoice', () => {
    const ws = oneService({ startDate: '2026-10-01', uploads: flat, asOf: '2026-09-30' });
    expect(computePeriod(ws, '2026-09').invoices).toEqual([]);
    expect(computePeriod(oneService({ endDate: '2026-08-31', uploads: flat, asOf: '2026-09-30' }), '2026-09').items).toEqual([]);
  });
});

describe('February of a leap year has 29 days', () => {
  // 7 devices on days 1–14, 8 on days 15–29 at $3.00: Σ = 218 device-days, D = 29.
  const uploads = uploadsEachDay('datto-rmm', '2028-02-01', '2028-02-29', (d) => ({ 's-17': { AllDevicesMetric: d <= '2028-02-14' ? 7 : 8 } }));
  it('daily divides by 29', () => {
    const ws = oneService({ unitPrice: '3.00', unitCost: null, uploads, asOf: '2028-03-01' });
    expect(linesOf(ws, '2028-02')).toEqual([{ ...rmmLine, period: '2028-02', quantity: '7.5172', amount: '22.55', cost: null }]);
  });
  it('period-end from the 15th bills 15 of 29 days', () => {
    const ws = oneService({ billing: 'period-end', unitPrice: '3.00', unitCost: null, startDate: '2028-02-15', uploads, asOf: '2028-03-01' });
    expect(linesOf(ws, '2028-02')).toEqual([{ ...rmmLine, period: '2028-02', quantity: '8.0000', amount: '12.41', cost: null }]);
  });
});

describe('uploads: missed, absent, replaced', () => {
  it('carries a missed day forward instead of billing zero', () => {
    // 20 devices reported on the 9th; no upload on the 10th–12th; 10 every other day.
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: d === '2026-09-09' ? 20 : 10 } }))
      .filter((u) => u.date < '2026-09-10' || u.date > '2026-09-12');
    const ws = oneService({ uploads, asOf: '2026-09-30' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: '11.3333', amount: '56.67', cost: '13.60' }]);
  });
  it('bills 0 for an org absent from a day\'s upload', () => {
    // s-17 has 10 all month; s-18 has 5 but is missing from the uploads of the 20th–30th.
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d): OrgRows => (d < '2026-09-20' ? { 's-17': { AllDevicesMetric: 10 }, 's-18': { AllDevicesMetric: 5 } } : { 's-17': { AllDevicesMetric: 10 } }));
    const ws = oneService({ uploads, orgs: ['s-17', 's-18'], asOf: '2026-09-30' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: '13.1667', amount: '65.83', cost: '15.80' }]);
  });
  it('lets a re-upload replace the day', () => {
    const uploads = [...specExample, upload('datto-rmm', '2026-09-30', { 's-17': { AllDevicesMetric: 50 } }), upload('datto-rmm', '2026-09-30', { 's-17': { AllDevicesMetric: 10 } })];
    const ws = oneService({ billing: 'period-end', uploads, asOf: '2026-09-30' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: '10.0000', amount: '50.00', cost: '12.00' }]);
  });
});

describe('accounts, orgs and service mappings', () => {
  const days = (module: string, rows: Record<string, Record<string, number | boolean | string>>) => uploadsEachDay(module, '2026-09-01', '2026-09-30', () => rows);
  const base = {
    asOf: '2026-09-30',
    accounts: [{ id: 'a1', name: 'Brass Building Supplies' }, { id: 'a2', name: 'Rosewood Real Estate' }],
  };

  it('sums many orgs of two modules on one account, one line per module, grouped by module', () => {
    const ws = scenario({
      ...base,
      enabledModules: ['datto-edr', 'datto-rmm', 'rocketcyber'],
      orgMappings: [
        { module: 'datto-rmm', orgId: 's-1', accountId: 'a1' }, { module: 'datto-rmm', orgId: 's-2', accountId: 'a1' },
        { module: 'datto-rmm', orgId: 's-3', accountId: 'a1' }, { module: 'datto-rmm', orgId: 's-4', accountId: 'a2' },
        { module: 'datto-edr', orgId: 'e-1', accountId: 'a1' }, { module: 'datto-edr', orgId: 'e-2', accountId: 'a1' },
        { module: 'rocketcyber', orgId: 'r-1', accountId: 'a1' },
      ],
      contracts: [{
        id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01',
        services: [
          { id: 's2', name: 'Endpoint Security', unitPrice: '3.00', unitCost: '1.00', billing: 'daily' },
          { id: 's1', name: 'Device Monitoring', unitPrice: '5.00', billing: 'daily' },
        ],
        serviceMappings: [
          { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
          { module: 'datto-edr', billingType: 'TotalDevices', serviceId: 's2' },
          { module: 'rocketcyber', billingType: 'Agents', serviceId: 's2' },
        ],
      }, {
        id: 'c2', accountId: 'a2', name: 'Managed Services', startDate: '2026-01-01',
        services: [{ id: 's1', name: 'Device Monitoring', unitPrice: '5.00', billing: 'daily' }],
        serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' }],
      }],
      uploads: [
        ...days('datto-rmm', { 's-1': { AllDevicesMetric: 10 }, 's-2': { AllDevicesMetric: 20 }, 's-3': { AllDevicesMetric: 5 }, 's-4': { AllDevicesMetric: 7 }, 's-5': { AllDevicesMetric: 1000 } }),
        ...days('datto-edr', { 'e-1': { TotalDevices: 12 }, 'e-2': { TotalDevices: 8 } }),
        ...days('rocketcyber', { 'r-1': { Agents: 4 } }),
      ],
    });
    expect(linesOf(ws, '2026-09')).toEqual([
      { kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-09', quantity: '35.0000', amount: '175.00', cost: null, estimated: false },
      { kind: 'item', contractId: 'c1', serviceId: 's2', module: 'datto-edr', period: '2026-09', quantity: '20.0000', amount: '60.00', cost: '20.00', estimated: false },
      { kind: 'item', contractId: 'c1', serviceId: 's2', module: 'rocketcyber', period: '2026-09', quantity: '4.0000', amount: '12.00', cost: '4.00', estimated: false },
    ]);
    expect(invoiceOf(ws, '2026-09').total).toBe('247.00');
    expect(linesOf(ws, '2026-09', 'a2')).toEqual([{ kind: 'item', contractId: 'c2', serviceId: 's1', module: 'datto-rmm', period: '2026-09', quantity: '7.0000', amount: '35.00', cost: null, estimated: false }]);
    expect(computePeriod(ws, '2026-09').invoices.map((i) => [i.accountId, i.total])).toEqual([['a1', '247.00'], ['a2', '35.00']]);
  });

  const oneAccount = (mappings: Parameters<typeof scenario>[0]['contracts'] extends (infer C)[] | undefined ? C extends { serviceMappings?: infer M } ? M : never : never, enabledModules = ['datto-rmm'], uploads = days('datto-rmm', { 's-17': { DesktopMetric: 6, LaptopMetric: 4, PrinterMetric: 3, ServerMetric: 2 } })) => scenario({
    ...base,
    enabledModules,
    orgMappings: [{ module: 'datto-rmm', orgId: 's-17', accountId: 'a1' }, { module: 'datto-edr', orgId: 'e-1', accountId: 'a1' }],
    contracts: [{
      id: 'c1', accountId: 'a1', name: 'Managed Services', startDate: '2026-01-01',
      services: [{ id: 's1', name: 'Workstations', unitPrice: '5.00', billing: 'daily' }, { id: 's2', name: 'Servers', unitPrice: '20.00', billing: 'daily' }],
      serviceMappings: mappings,
    }],
    uploads: [...uploads, ...days('datto-edr', { 'e-1': { TotalDevices: 9 } })],
  });

  it('sums two billing types mapped to one service into one line', () => {
    const ws = oneAccount([{ module: 'datto-rmm', billingType: 'DesktopMetric', serviceId: 's1' }, { module: 'datto-rmm', billingType: 'LaptopMetric', serviceId: 's1' }]);
    expect(linesOf(ws, '2026-09')).toEqual([{ kind: 'item', contractId: 'c1', serviceId: 's1', module: 'datto-rmm', period: '2026-09', quantity: '10.0000', amount: '50.00', cost: null, estimated: false }]);
  });

  it('bills nothing for an ignored billing type', () => {
    const ws = oneAccount([
      { module: 'datto-rmm', billingType: 'ServerMetric', serviceId: 's2' },
      { module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true },
    ]);
    expect(linesOf(ws, '2026-09')).toEqual([{ kind: 'item', contractId: 'c1', serviceId: 's2', module: 'datto-rmm', period: '2026-09', quantity: '2.0000', amount: '40.00', cost: null, estimated: false }]);
  });

  it('bills only enabled modules', () => {
    const mappings = [{ module: 'datto-rmm', billingType: 'ServerMetric', serviceId: 's2' }, { module: 'datto-edr', billingType: 'TotalDevices', serviceId: 's1' }];
    expect(linesOf(oneAccount(mappings), '2026-09').map((l) => l.module)).toEqual(['datto-rmm']);
    expect(linesOf(oneAccount(mappings, ['datto-rmm', 'datto-edr']), '2026-09').map((l) => [l.module, l.amount])).toEqual([['datto-rmm', '40.00'], ['datto-edr', '45.00']]);
    expect(computePeriod(oneAccount(mappings, []), '2026-09').invoices).toEqual([]);
  });

  it('lists an item whose amount is 0', () => {
    const ws = oneAccount([{ module: 'datto-rmm', billingType: 'NetworkSanMetric', serviceId: 's2' }]);
    expect(linesOf(ws, '2026-09')).toEqual([{ kind: 'item', contractId: 'c1', serviceId: 's2', module: 'datto-rmm', period: '2026-09', quantity: '0.0000', amount: '0.00', cost: null, estimated: false }]);
  });

  it('rounds a 4-decimal price times a fractional quantity once per line', () => {
    // 12.3456 TB on days 1–10, 0.5 on days 11–30, at 2.3456 (cost 1.1111): Σ = 133.456.
    const uploads = uploadsEachDay('datto-endpoint-backup-azure', '2026-09-01', '2026-09-30', (d) => ({ 'z-1': { DiskCapacity: d <= '2026-09-10' ? '12.3456' : 0.5 } }));
    const ws = scenario({
      ...base,
      enabledModules: ['datto-endpoint-backup-azure'],
      orgMappings: [{ module: 'datto-endpoint-backup-azure', orgId: 'z-1', accountId: 'a1' }],
      contracts: [{
        id: 'c1', accountId: 'a1', name: 'Backup', startDate: '2026-01-01',
        services: [{ id: 'daily', name: 'Azure storage', unitPrice: '2.3456', unitCost: '1.1111', billing: 'daily' }, { id: 'end', name: 'Azure storage (true-up)', unitPrice: '2.3456', billing: 'period-end' }],
        serviceMappings: [{ module: 'datto-endpoint-backup-azure', billingType: 'DiskCapacity', serviceId: 'daily' }, { module: 'datto-endpoint-backup-azure', billingType: 'VirtualMachines', serviceId: 'end' }],
      }],
      uploads,
    });
    expect(linesOf(ws, '2026-09')[0]).toMatchObject({ serviceId: 'daily', quantity: '4.4485', amount: '10.43', cost: '4.94' });
    expect(invoiceOf(ws, '2026-09').lines[0]?.margin).toBe('5.49');
  });

  it('counts a boolean billing type as 1 or 0 a day', () => {
    // Training enabled on days 1–20, disabled from the 21st, at $10.00 a month.
    const uploads = uploadsEachDay('bullphish-id', '2026-09-01', '2026-09-30', (d) => ({ 'b-1': { TrainingModuleEnabled: d <= '2026-09-20' } }));
    const make = (billing: 'daily' | 'period-end' | 'peak') => scenario({
      ...base,
      enabledModules: ['bullphish-id'],
      orgMappings: [{ module: 'bullphish-id', orgId: 'b-1', accountId: 'a1' }],
      contracts: [{ id: 'c1', accountId: 'a1', name: 'Training', startDate: '2026-01-01', services: [{ id: 's1', name: 'Security training', unitPrice: '10.00', billing }], serviceMappings: [{ module: 'bullphish-id', billingType: 'TrainingModuleEnabled', serviceId: 's1' }] }],
      uploads,
    });
    expect(linesOf(make('daily'), '2026-09')[0]).toMatchObject({ quantity: '0.6667', amount: '6.67' });
    expect(linesOf(make('period-end'), '2026-09')[0]).toMatchObject({ quantity: '0.0000', amount: '0.00' });
    expect(linesOf(make('peak'), '2026-09')[0]).toMatchObject({ quantity: '1.0000', amount: '10.00' });
  });
});

describe('projection after asOf', () => {
  it('projects the rest of the month from the last upload on or before asOf and flags the line estimated', () => {
    const uploads = [...uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-15', () => ({ 's-17': { AllDevicesMetric: 10 } })), upload('datto-rmm', '2026-09-16', { 's-17': { AllDevicesMetric: 999 } })];
    const ws = oneService({ uploads, asOf: '2026-09-15' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, estimated: true, period: '2026-09', quantity: '10.0000', amount: '50.00', cost: '12.00' }]);
    expect(linesOf(oneService({ uploads, asOf: '2026-09-16' }), '2026-09')[0]).toMatchObject({ estimated: true, quantity: '504.5000' });
  });
  it('is not estimated when the contract ends on or before asOf', () => {
    const ws = oneService({ endDate: '2026-09-15', uploads: specExample, asOf: '2026-09-15' });
    expect(linesOf(ws, '2026-09')[0]).toMatchObject({ estimated: false, quantity: '5.0000', amount: '25.00' });
  });
});

describe('currencies', () => {
  it('rounds half away from zero to the currency\'s minor unit (JPY: none)', () => {
    const uploads = uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', () => ({ 's-17': { AllDevicesMetric: 1 } }));
    const ws = oneService({ currency: 'JPY', unitPrice: '99.5', unitCost: '10.4999', uploads, asOf: '2026-09-30' });
    expect(linesOf(ws, '2026-09')).toEqual([{ ...rmmLine, period: '2026-09', quantity: '1.0000', amount: '100', cost: '10' }]);
    expect(invoiceOf(ws, '2026-09')).toMatchObject({ currency: 'JPY', total: '100' });
  });
});

describe('explainItem: the drill-down of one line', () => {
  it('splits each active day by org and billing type, with the upload day it was read from', () => {
    const uploads = [upload('datto-rmm', '2026-09-01', { 's-17': { AllDevicesMetric: 4 }, 's-18': { AllDevicesMetric: 6 } }), upload('datto-rmm', '2026-09-03', { 's-17': { AllDevicesMetric: 5 } })];
    const ws = oneService({ uploads, orgs: ['s-17', 's-18'], asOf: '2026-09-03', startDate: '2026-09-02' });
    const explained = explainItem(ws, { contractId: 'c1', serviceId: 's1', module: 'datto-rmm' }, '2026-09');
    expect(explained?.item).toMatchObject({ quantity: '5.0000', amount: '25.00', estimated: true, activeDays: 29 });
    expect(explained?.days.slice(0, 3)).toEqual([
      { date: '2026-09-02', quantity: '10.0000', carried: true, estimated: false, sourceDate: '2026-09-01', parts: [{ orgId: 's-17', orgName: 's-17', billingType: 'AllDevicesMetric', quantity: '4.0000' }, { orgId: 's-18', orgName: 's-18', billingType: 'AllDevicesMetric', quantity: '6.0000' }] },
      { date: '2026-09-03', quantity: '5.0000', carried: false, estimated: false, sourceDate: '2026-09-03', parts: [{ orgId: 's-17', orgName: 's-17', billingType: 'AllDevicesMetric', quantity: '5.0000' }, { orgId: 's-18', orgName: '', billingType: 'AllDevicesMetric', quantity: '0.0000' }] },
      { date: '2026-09-04', quantity: '5.0000', carried: true, estimated: true, sourceDate: '2026-09-03', parts: [{ orgId: 's-17', orgName: 's-17', billingType: 'AllDevicesMetric', quantity: '5.0000' }, { orgId: 's-18', orgName: '', billingType: 'AllDevicesMetric', quantity: '0.0000' }] },
    ]);
    expect(explainItem(ws, { contractId: 'nope', serviceId: 's1', module: 'datto-rmm' }, '2026-09')).toBeNull();
  });
});
