import { describe, expect, it } from 'vitest';
import { quantityJumps } from '../../shared/insights/quantity-jumps.ts';
import { upload, uploadsEachDay } from '../support/billing.ts';

const mapped = [{ module: 'datto-rmm', orgId: 's-1', accountId: 'a1' }];

describe('insight: quantity jumps of over 20% day to day', () => {
  it('given 10 → 12 (exactly 20%) then 12 → 15 (25%), then only the second is a jump, with old → new and the percent', () => {
    const rows = quantityJumps({
      enabledModules: ['datto-rmm'], orgMappings: mapped,
      uploads: [
        upload('datto-rmm', '2026-10-01', { 's-1': { AllDevicesMetric: 10 } }),
        upload('datto-rmm', '2026-10-02', { 's-1': { AllDevicesMetric: 12 } }),
        upload('datto-rmm', '2026-10-03', { 's-1': { AllDevicesMetric: 15 } }),
      ],
    }, { asOf: '2026-10-31' });
    expect(rows).toEqual([{
      module: 'datto-rmm', orgId: 's-1', orgName: 's-1', accountId: 'a1', billingType: 'AllDevicesMetric',
      fromDay: '2026-10-02', toDay: '2026-10-03', from: '12.0000', to: '15.0000', percent: 25,
    }]);
  });

  it('an org joining is a jump from zero; an org leaving is −100%; a type absent from the next upload counts 0', () => {
    const rows = quantityJumps({
      enabledModules: ['datto-rmm'], orgMappings: [],
      uploads: [
        upload('datto-rmm', '2026-10-01', { 's-1': { AllDevicesMetric: 10, ServerMetric: 2 } }),
        upload('datto-rmm', '2026-10-02', { 's-1': { AllDevicesMetric: 10 }, 's-2': { AllDevicesMetric: 4 } }),
        upload('datto-rmm', '2026-10-03', { 's-2': { AllDevicesMetric: 4 } }),
      ],
    }, { asOf: '2026-10-31' });
    expect(rows.map((r) => `${r.toDay} ${r.orgId} ${r.billingType} ${r.from}→${r.to} ${r.percent}`)).toEqual([
      '2026-10-03 s-1 AllDevicesMetric 10.0000→0.0000 -100',
      '2026-10-02 s-2 AllDevicesMetric 0.0000→4.0000 null',
      '2026-10-02 s-1 ServerMetric 2.0000→0.0000 -100',
    ]);
    expect(rows.every((r) => r.accountId === null)).toBe(true);
  });

  it('given a missed nightly sync, then the days around the gap are compared with each other (no jump from the carried day)', () => {
    const uploads = uploadsEachDay('datto-rmm', '2026-10-01', '2026-10-10', (day) => ({ 's-1': { AllDevicesMetric: day < '2026-10-06' ? 10 : 11 } }))
      .filter((u) => u.date !== '2026-10-05' && u.date !== '2026-10-06');
    expect(quantityJumps({ enabledModules: ['datto-rmm'], orgMappings: mapped, uploads }, { asOf: '2026-10-10' })).toEqual([]);
  });

  it('only jumps onto the last N days up to asOf, the previous upload before the window as baseline; later uploads are not read', () => {
    const uploads = [
      upload('datto-rmm', '2026-09-01', { 's-1': { AllDevicesMetric: 1 } }),
      upload('datto-rmm', '2026-09-20', { 's-1': { AllDevicesMetric: 5 } }),
      upload('datto-rmm', '2026-10-02', { 's-1': { AllDevicesMetric: 9 } }),
      upload('datto-rmm', '2026-10-04', { 's-1': { AllDevicesMetric: 90 } }),
    ];
    const rows = quantityJumps({ enabledModules: ['datto-rmm'], orgMappings: mapped, uploads }, { asOf: '2026-10-03', days: 10 });
    expect(rows.map((r) => `${r.fromDay}→${r.toDay} ${r.percent}`)).toEqual(['2026-09-20→2026-10-02 80']);
  });

  it('decimal and boolean quantities compare exactly; a threshold can be chosen; disabled modules are left out', () => {
    const uploads = [
      upload('datto-rmm', '2026-10-01', { 's-1': { AllDevicesMetric: '100.0000' } }),
      upload('datto-rmm', '2026-10-02', { 's-1': { AllDevicesMetric: '120.0001' } }),
      upload('bullphish-id', '2026-10-01', { b: { TrainingModuleEnabled: false } }),
      upload('bullphish-id', '2026-10-02', { b: { TrainingModuleEnabled: true } }),
    ];
    const rows = quantityJumps({ enabledModules: ['datto-rmm', 'bullphish-id'], orgMappings: mapped, uploads }, { asOf: '2026-10-02' });
    expect(rows.map((r) => `${r.module} ${r.from}→${r.to} ${r.percent}`)).toEqual(['bullphish-id 0.0000→1.0000 null', 'datto-rmm 100.0000→120.0001 20']);
    expect(quantityJumps({ enabledModules: ['datto-rmm'], orgMappings: mapped, uploads }, { asOf: '2026-10-02', thresholdPercent: 25 })).toEqual([]);
  });
});
