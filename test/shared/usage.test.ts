import { describe, expect, it } from 'vitest';
import { dailyUsage, indexUploads, moduleDays } from '../../shared/usage/index.ts';
import { unitsOf } from '../../shared/money/scaled.ts';
import { formatQuantity } from '../../shared/money/scaled.ts';
import { scenario, upload, uploadsEachDay } from '../support/billing.ts';

function usageOf(uploads: Parameters<typeof scenario>[0]['uploads'], query: { orgIds: string[]; billingTypes: string[]; period: string; asOf: string; module?: string }) {
  const ws = scenario({ uploads });
  return dailyUsage(indexUploads(ws.uploads), { module: query.module ?? 'datto-rmm', ...query });
}

const quantities = (days: { units: bigint }[]) => days.map((d) => formatQuantity(d.units));

describe('usage series (docs/billing-rules.md#usage-series)', () => {
  it('reads each day from that day\'s upload', () => {
    const days = usageOf(uploadsEachDay('datto-rmm', '2026-09-01', '2026-09-30', (d) => ({ 's-17': { AllDevicesMetric: Number(d.slice(8)) } })),
      { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'], period: '2026-09', asOf: '2026-09-30' });
    expect(days).toHaveLength(30);
    expect(days[0]).toMatchObject({ date: '2026-09-01', units: 10_000n, carried: false, estimated: false, sourceDate: '2026-09-01' });
    expect(days[29]).toMatchObject({ date: '2026-09-30', units: 300_000n });
  });

  it('carries a missed upload day forward from the latest earlier upload, flagged carried', () => {
    const uploads = [
      upload('datto-rmm', '2026-08-31', { 's-17': { AllDevicesMetric: 7 } }),
      upload('datto-rmm', '2026-09-03', { 's-17': { AllDevicesMetric: 9 } }),
    ];
    const days = usageOf(uploads, { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'], period: '2026-09', asOf: '2026-09-30' });
    expect(quantities(days.slice(0, 4))).toEqual(['7.0000', '7.0000', '9.0000', '9.0000']);
    expect(days[0]).toMatchObject({ carried: true, sourceDate: '2026-08-31' });
    expect(days[2]).toMatchObject({ carried: false, sourceDate: '2026-09-03' });
    expect(days[29]).toMatchObject({ carried: true, sourceDate: '2026-09-03', units: 90_000n });
  });

  it('bills 0 for an org absent from a day\'s upload: the upload is authoritative for its module-day', () => {
    const uploads = [
      upload('datto-rmm', '2026-09-01', { 's-17': { AllDevicesMetric: 4 }, 's-18': { AllDevicesMetric: 1 } }),
      upload('datto-rmm', '2026-09-02', { 's-18': { AllDevicesMetric: 1 } }),
      upload('datto-rmm', '2026-09-03', { 's-17': { ServerMetric: 2 } }),
      upload('datto-rmm', '2026-09-04', { 's-17': { AllDevicesMetric: 5 } }),
    ];
    const days = usageOf(uploads, { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'], period: '2026-09', asOf: '2026-09-04' });
    expect(quantities(days.slice(0, 4))).toEqual(['4.0000', '0.0000', '0.0000', '5.0000']);
    expect(days[1]?.carried).toBe(false);
  });

  it('is 0, not carried, before a module\'s first upload', () => {
    const days = usageOf([upload('datto-rmm', '2026-09-10', { 's-17': { AllDevicesMetric: 3 } })],
      { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'], period: '2026-09', asOf: '2026-09-30' });
    expect(days[8]).toMatchObject({ units: 0n, carried: false, sourceDate: null });
    expect(days[9]?.units).toBe(30_000n);
  });

  it('lets a re-upload of a module-day replace the earlier one whole', () => {
    const uploads = [
      upload('datto-rmm', '2026-09-01', { 's-17': { AllDevicesMetric: 4 }, 's-18': { AllDevicesMetric: 6 } }),
      upload('datto-rmm', '2026-09-01', { 's-18': { AllDevicesMetric: 8 } }),
    ];
    const s17 = usageOf(uploads, { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'], period: '2026-09', asOf: '2026-09-01' });
    const s18 = usageOf(uploads, { orgIds: ['s-18'], billingTypes: ['AllDevicesMetric'], period: '2026-09', asOf: '2026-09-01' });
    expect(s17[0]?.units).toBe(0n);
    expect(s18[0]?.units).toBe(80_000n);
  });

  it('projects days after asOf from the last upload on or before asOf, flagged estimated, ignoring later uploads', () => {
    const uploads = [
      upload('datto-rmm', '2026-09-10', { 's-17': { AllDevicesMetric: 3 } }),
      upload('datto-rmm', '2026-09-12', { 's-17': { AllDevicesMetric: 30 } }),
    ];
    const days = usageOf(uploads, { orgIds: ['s-17'], billingTypes: ['AllDevicesMetric'], period: '2026-09', asOf: '2026-09-11' });
    expect(days[10]).toMatchObject({ date: '2026-09-11', units: 30_000n, carried: true, estimated: false });
    expect(days[11]).toMatchObject({ date: '2026-09-12', units: 30_000n, estimated: true, sourceDate: '2026-09-10' });
    expect(days.filter((d) => d.estimated)).toHaveLength(19);
  });

  it('projects a whole future month from the last upload on or before asOf', () => {
    const ws = scenario({ uploads: [upload('datto-rmm', '2026-09-20', { 's-17': { AllDevicesMetric: 2 } }), upload('datto-rmm', '2026-10-02', { 's-17': { AllDevicesMetric: 9 } })] });
    const days = moduleDays(indexUploads(ws.uploads).get('datto-rmm'), '2026-10', '2026-09-25');
    expect(days.source.every((u) => u?.date === '2026-09-20')).toBe(true);
    expect(days.estimated.every(Boolean)).toBe(true);
  });

  it('sums the mapped orgs and billing types of a service', () => {
    const uploads = [upload('datto-rmm', '2026-09-01', {
      's-17': { DesktopMetric: 3, LaptopMetric: 2, ServerMetric: 100 },
      's-18': { DesktopMetric: 1, LaptopMetric: '0.5' },
      's-99': { DesktopMetric: 50 },
    })];
    const days = usageOf(uploads, { orgIds: ['s-17', 's-18'], billingTypes: ['DesktopMetric', 'LaptopMetric'], period: '2026-09', asOf: '2026-09-01' });
    expect(days[0]?.units).toBe(65_000n);
    expect(days[0]?.parts.map((p) => [p.orgId, p.billingType, p.units])).toEqual([
      ['s-17', 'DesktopMetric', 30_000n], ['s-17', 'LaptopMetric', 20_000n], ['s-18', 'DesktopMetric', 10_000n], ['s-18', 'LaptopMetric', 5_000n],
    ]);
  });
});

describe('unitsOf: quantities as exact 10^-4 integers', () => {
  it('reads numbers, decimal strings and booleans', () => {
    expect(unitsOf(12)).toBe(120_000);
    expect(unitsOf(1234.5678)).toBe(12_345_678);
    expect(unitsOf(0.0001)).toBe(1);
    expect(unitsOf('1234.5678')).toBe(12_345_678);
    expect(unitsOf('7')).toBe(70_000);
    expect(unitsOf('0.5')).toBe(5_000);
    expect(unitsOf(true)).toBe(10_000);
    expect(unitsOf(false)).toBe(0);
  });
  it('stays exact for large values and refuses what it cannot hold exactly', () => {
    expect(unitsOf(123_456_789_012.3456)).toBe(1_234_567_890_123_456);
    expect(unitsOf('900719925474.0991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => unitsOf('900719925474.0992')).toThrow(RangeError);
  });
});
