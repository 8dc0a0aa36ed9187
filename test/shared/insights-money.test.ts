import { describe, expect, it } from 'vitest';
import { computeInsights, ignoreTypeForAccount } from '../../shared/insights/index.ts';
import { scenario, upload, uploadsEachDay } from '../support/billing.ts';

// Brass has a contract from 2026-10-16 billing devices; its orgs reported devices from
// October 1st. Rosewood (11 devices) and Cobalt (9) are mapped but have no contract.
// Datto EDR is enabled and reports 3 orgs, none of them mapped.
const ws = scenario({
  asOf: '2026-10-31',
  enabledModules: ['datto-rmm', 'datto-edr'],
  accounts: [{ id: 'brass', name: 'Brass' }, { id: 'rosewood', name: 'Rosewood' }, { id: 'cobalt', name: 'Cobalt' }],
  orgMappings: [
    { module: 'datto-rmm', orgId: 'r-brass', accountId: 'brass' },
    { module: 'datto-rmm', orgId: 'r-rose-1', accountId: 'rosewood' },
    { module: 'datto-rmm', orgId: 'r-rose-2', accountId: 'rosewood' },
    { module: 'datto-rmm', orgId: 'r-cobalt', accountId: 'cobalt' },
  ],
  contracts: [{
    id: 'c-brass', accountId: 'brass', name: 'Managed', startDate: '2026-10-16', endDate: null,
    services: [{ id: 'devices', name: 'Devices', unitPrice: '5.00', billing: 'daily' }],
    serviceMappings: [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 'devices' }],
  }],
  uploads: [
    ...uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-31', () => ({
      'r-brass': { AllDevicesMetric: 20, ServerMetric: 2, PrinterMetric: 4 },
      'r-rose-1': { AllDevicesMetric: 7 }, 'r-rose-2': { AllDevicesMetric: '4', ServerMetric: 1 },
      'r-cobalt': { AllDevicesMetric: 9 },
    })),
    upload('datto-edr', '2026-10-30', { 'e-1': { TotalDevices: 5 }, 'e-2': { TotalDevices: 2 }, 'e-3': { TotalDevices: 0 } }),
  ],
});

const [brassContract] = ws.contracts;
if (!brassContract) throw new Error('the scenario has Brass\'s contract');

describe('insights that find money', () => {
  const insights = computeInsights(ws);

  it('lists Rosewood\'s 11 devices and Cobalt\'s 9: mapped usage, no contract', () => {
    expect(insights.accountsWithoutContract).toEqual([
      { accountId: 'cobalt', usage: [{ module: 'datto-rmm', day: '2026-10-31', quantities: [{ billingType: 'AllDevicesMetric', quantity: '9.0000' }] }] },
      { accountId: 'rosewood', usage: [{ module: 'datto-rmm', day: '2026-10-31', quantities: [
        { billingType: 'AllDevicesMetric', quantity: '11.0000' }, { billingType: 'ServerMetric', quantity: '1.0000' }] }] },
    ]);
  });

  it('flags Brass\'s contract: devices reported October 1–15, before its start on the 16th', () => {
    expect(insights.contractStartGaps).toEqual([
      { contractId: 'c-brass', accountId: 'brass', startDate: '2026-10-16', firstDay: '2026-10-01', lastDay: '2026-10-15', days: 15 },
    ]);
  });

  it('does not flag a start that another contract of the account covers', () => {
    const covered = computeInsights({ ...ws, contracts: [...ws.contracts, { ...brassContract, id: 'c-old', startDate: '2026-01-01', endDate: '2026-10-15' }] });
    expect(covered.contractStartGaps.map((g) => g.contractId)).toEqual([]);
  });

  it('lists Datto EDR: enabled, 2 orgs reporting usage on its latest day, none mapped', () => {
    expect(insights.modulesWithoutMappedOrgs).toEqual([{ module: 'datto-edr', day: '2026-10-30', orgs: 2 }]);
  });

  it('groups the billing types no contract maps by account and module, with the quantity reported', () => {
    expect(insights.unmappedTypeGroups).toEqual([
      { accountId: 'brass', module: 'datto-rmm', hasContract: true, day: '2026-10-31', types: [
        { billingType: 'PrinterMetric', quantity: '4.0000' }, { billingType: 'ServerMetric', quantity: '2.0000' }] },
      { accountId: 'cobalt', module: 'datto-rmm', hasContract: false, day: '2026-10-31', types: [{ billingType: 'AllDevicesMetric', quantity: '9.0000' }] },
      { accountId: 'rosewood', module: 'datto-rmm', hasContract: false, day: '2026-10-31', types: [
        { billingType: 'AllDevicesMetric', quantity: '11.0000' }, { billingType: 'ServerMetric', quantity: '1.0000' }] },
    ]);
  });

  it('ignoring printers for Brass in one action sets Ignore on each of its contracts that has not decided, and the group shrinks', () => {
    const second = { ...brassContract, id: 'c-brass-2', serviceMappings: [{ module: 'datto-rmm', billingType: 'PrinterMetric', serviceId: 'devices' }] };
    const third = { ...brassContract, id: 'c-brass-3', serviceMappings: [] };
    const changed = ignoreTypeForAccount([...ws.contracts, second, third], 'brass', 'datto-rmm', 'PrinterMetric');
    expect(changed.map((c) => [c.id, c.serviceMappings])).toEqual([
      ['c-brass', [{ module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 'devices' }, { module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true }]],
      ['c-brass-3', [{ module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true }]],
    ]);
    const after = computeInsights({ ...ws, contracts: changed.slice(0, 1) });
    expect(after.unmappedTypeGroups.find((g) => g.accountId === 'brass')?.types).toEqual([{ billingType: 'ServerMetric', quantity: '2.0000' }]);
  });
});
