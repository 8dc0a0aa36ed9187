import { describe, expect, it } from 'vitest';
import { unmappedTypes } from '../../shared/insights/unmapped-types.ts';
import { upload } from '../support/billing.ts';

describe('insight: billing types on a mapped org that no contract maps', () => {
  const base = {
    enabledModules: ['datto-rmm', 'datto-edr'],
    orgMappings: [
      { module: 'datto-rmm', orgId: 's-1', accountId: 'a1' },
      { module: 'datto-edr', orgId: 'e-1', accountId: 'a1' },
      { module: 'datto-rmm', orgId: 's-2', accountId: 'a2' },
    ],
    uploads: [
      upload('datto-rmm', '2026-10-01', { 's-1': { AllDevicesMetric: 10, ServerMetric: 2, PrinterMetric: 1, EsxiHostMetric: 0 }, 's-2': { AllDevicesMetric: 3 }, 's-9': { LaptopMetric: 5 } }),
      upload('datto-edr', '2026-10-01', { 'e-1': { TotalDevices: 8 } }),
      upload('datto-rmm', '2026-09-01', { 's-1': { UnknownMetric: 1 } }),
    ],
  };

  it('given a contract mapping devices and ignoring printers, then servers and the EDR type are listed; zeros and unmapped orgs are not', () => {
    const rows = unmappedTypes({
      ...base,
      contracts: [{ accountId: 'a1', serviceMappings: [
        { module: 'datto-rmm', billingType: 'AllDevicesMetric', serviceId: 's1' },
        { module: 'datto-rmm', billingType: 'PrinterMetric', ignore: true },
      ] }],
    }, { since: '2026-10-01' });
    expect(rows).toEqual([
      { accountId: 'a1', module: 'datto-edr', billingType: 'TotalDevices', hasContract: true },
      { accountId: 'a1', module: 'datto-rmm', billingType: 'ServerMetric', hasContract: true },
      { accountId: 'a2', module: 'datto-rmm', billingType: 'AllDevicesMetric', hasContract: false },
    ]);
  });

  it('a mapping on another account\'s contract does not count; a disabled module is left out; older uploads count without `since`', () => {
    const rows = unmappedTypes({
      ...base,
      enabledModules: ['datto-rmm'],
      contracts: [{ accountId: 'a2', serviceMappings: [{ module: 'datto-rmm', billingType: 'ServerMetric', serviceId: 's1' }] }],
    });
    expect(rows.filter((r) => r.accountId === 'a1').map((r) => r.billingType)).toEqual(['AllDevicesMetric', 'PrinterMetric', 'ServerMetric', 'UnknownMetric']);
  });
});
