// The compact usage store (docs/usage-store.md) against the rules it keeps: an upload
// replaces its module-day whole, a day without one carries the latest earlier one, an org
// or type absent from an upload day counts 0, days after asOf are projected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyUsage } from '../../shared/usage/daily-usage.ts';
import { UsageStore } from '../../shared/usage/store.ts';
import { quantityUnits } from '../../shared/money/scaled.ts';
import { periodDays } from '../../shared/dates/period.ts';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import { oneService, upload } from '../support/billing.ts';

const RMM = 'datto-rmm';
const units = (store: UsageStore, orgIds: string[], types: string[], period: string, asOf: string) =>
  dailyUsage(store, { module: RMM, orgIds, billingTypes: types, period, asOf }).map((d) => d.units);

describe('compact usage store', () => {
  it('replacing a module-day in the middle changes that day only; the days after keep their own uploads', () => {
    const store = UsageStore.fromUploads([
      upload(RMM, '2026-09-01', { 's-1': { Desktop: 5 } }),
      upload(RMM, '2026-09-03', { 's-1': { Desktop: 7 } }),
      upload(RMM, '2026-09-05', { 's-1': { Desktop: 7 } }),
    ]);
    store.put(upload(RMM, '2026-09-03', { 's-1': { Desktop: 9 }, 's-2': { Desktop: 1 } }));
    expect(units(store, ['s-1'], ['Desktop'], '2026-09', '2026-09-05').slice(0, 6)).toEqual([50_000n, 50_000n, 90_000n, 90_000n, 70_000n, 70_000n]);
    expect(units(store, ['s-2'], ['Desktop'], '2026-09', '2026-09-05').slice(0, 6)).toEqual([0n, 0n, 10_000n, 10_000n, 0n, 0n]);
    // Inserting a day before others re-bases the next day only.
    store.put(upload(RMM, '2026-09-02', { 's-1': { Desktop: 1 } }));
    expect(units(store, ['s-1'], ['Desktop'], '2026-09', '2026-09-05').slice(0, 6)).toEqual([50_000n, 10_000n, 90_000n, 90_000n, 70_000n, 70_000n]);
    expect(store.module(RMM)?.upload(2)).toEqual({ module: RMM, date: '2026-09-03', orgs: [{ orgId: 's-1', name: 's-1', metrics: { Desktop: 9 } }, { orgId: 's-2', name: 's-2', metrics: { Desktop: 1 } }] });
  });

  it('keeps a day that repeats the one before as no changes at all', () => {
    const days = Array.from({ length: 28 }, (_, i) => upload(RMM, `2026-02-${String(i + 1).padStart(2, '0')}`, { 's-1': { Desktop: 3, Server: 1 }, 's-2': { Desktop: 8 } }));
    const module = UsageStore.fromUploads(days).module(RMM);
    expect(module?.changes[0]?.values.length).toBe(3);
    expect(module?.changes.slice(1).every((c) => c.values.length === 0 && c.orgs.length === 0)).toBe(true);
  });

  it('an org absent from an upload day counts 0 there, and counts again when it comes back', () => {
    const store = UsageStore.fromUploads([
      upload(RMM, '2026-09-01', { 's-1': { Desktop: 4 } }),
      upload(RMM, '2026-09-02', { 's-2': { Desktop: 1 } }),
      upload(RMM, '2026-09-04', { 's-1': { Desktop: 4 } }),
    ]);
    expect(units(store, ['s-1'], ['Desktop'], '2026-09', '2026-09-30').slice(0, 5)).toEqual([40_000n, 0n, 0n, 40_000n, 40_000n]);
    const usage = dailyUsage(store, { module: RMM, orgIds: ['s-1'], billingTypes: ['Desktop'], period: '2026-09', asOf: '2026-09-30' });
    expect(usage[2]).toMatchObject({ carried: true, sourceDate: '2026-09-02', parts: [{ orgId: 's-1', orgName: '', units: 0n }] });
  });

  it('carries the last upload into days without one and projects days after asOf from the last one on or before it', () => {
    const store = UsageStore.fromUploads([upload(RMM, '2026-08-30', { 's-1': { Desktop: 2 } }), upload(RMM, '2026-09-10', { 's-1': { Desktop: 6 } })]);
    const days = dailyUsage(store, { module: RMM, orgIds: ['s-1'], billingTypes: ['Desktop'], period: '2026-09', asOf: '2026-09-05' });
    expect(days.map((d) => d.units)).toEqual(Array(30).fill(20_000n));
    expect(days.filter((d) => d.estimated)).toHaveLength(25);
    expect(days[0]).toMatchObject({ carried: true, sourceDate: '2026-08-30' });
  });

  it('keeps quantities past 2^53 units exact (as text) and refuses them in the fast path as before', () => {
    const huge = '123456789012345678.1234';
    const store = UsageStore.fromUploads([upload(RMM, '2026-09-01', { 's-1': { Desktop: huge, Laptop: true, Server: '2.5' } })]);
    expect(units(store, ['s-1'], ['Desktop', 'Laptop', 'Server'], '2026-09', '2026-09-01')[0]).toBe(quantityUnits(huge) + 10_000n + 25_000n);
    expect(store.module(RMM)?.upload(0).orgs[0]?.metrics).toEqual({ Desktop: huge, Laptop: 1, Server: 2.5 });
  });

  it('bills the same month from the store as from the JSON document', () => {
    const ws = oneService({ uploads: [upload(RMM, '2026-11-01', { 's-17': { AllDevicesMetric: 10 } }), upload(RMM, '2026-11-16', { 's-17': { AllDevicesMetric: 11 } })], asOf: '2026-12-05' });
    const store = UsageStore.fromUploads(ws.uploads);
    expect(computePeriod({ ...ws, uploads: [], usage: store } as typeof ws, '2026-11')).toEqual(computePeriod(ws, '2026-11'));
    expect(computePeriod(ws, '2026-11').invoices[0]?.total).toBe('52.50');
  });
});

// The JSON reading of the rules, written plainly: the reference the store must equal.
function referenceUnits(uploads: readonly Upload[], orgId: string, type: string, period: string, asOf: string): bigint[] {
  const byDay = new Map<string, Upload>();
  for (const u of uploads) if (u.module === RMM) byDay.set(u.date, u);
  const days = [...byDay.keys()].sort();
  return periodDays(period).map((day) => {
    const limit = day > asOf ? asOf : day;
    const source = days.filter((d) => d <= limit).pop();
    const value = source === undefined ? undefined : byDay.get(source)?.orgs.find((o) => o.orgId === orgId)?.metrics[type];
    return value === undefined ? 0n : quantityUnits(value);
  });
}

const ORGS = ['s-1', 's-2', 's-3'];
const TYPES = ['Desktop', 'Server'];
const quantity = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 999_999 }).map((n) => (n / 10_000).toFixed(4)), fc.boolean(), fc.constant('98765432109876543.0001'));
const uploadArb = fc.record({
  day: fc.integer({ min: 1, max: 60 }),
  orgs: fc.subarray(ORGS).chain((orgs) => fc.tuple(...orgs.map((orgId) => fc.record({ orgId: fc.constant(orgId), name: fc.constantFrom('', 'Brass', 'Brass LLC'), metrics: fc.dictionary(fc.constantFrom(...TYPES), quantity) })))),
}).map(({ day, orgs }): Upload => ({ module: RMM, date: day <= 30 ? `2026-09-${String(day).padStart(2, '0')}` : `2026-10-${String(day - 30).padStart(2, '0')}`, orgs }));

describe('compact usage store, property', () => {
  it('reads every (org, type, day) as the JSON rules do, whatever order the module-days arrive in (replacements in the middle included)', () => {
    fc.assert(fc.property(fc.array(uploadArb, { maxLength: 25 }), fc.integer({ min: 1, max: 31 }), fc.integer(), (uploads, asOfDay, seed) => {
      const asOf = `2026-10-${String(asOfDay).padStart(2, '0')}`;
      const built = UsageStore.fromUploads(uploads);
      // The same uploads put one by one in a shuffled order, each module-day's last one last.
      const arrived = new UsageStore();
      const order = uploads.map((u, i) => ({ u, i, key: ((i + 1) * 2654435761 + seed) % 1000 }));
      const last = new Map(uploads.map((u, i) => [u.date, i]));
      for (const { u } of order.filter(({ u, i }) => last.get(u.date) !== i).sort((a, b) => a.key - b.key)) arrived.put(u);
      for (const { u } of order.filter(({ u, i }) => last.get(u.date) === i).sort((a, b) => a.key - b.key)) arrived.put(u);
      for (const period of ['2026-09', '2026-10']) {
        for (const orgId of ORGS) {
          for (const type of TYPES) {
            const expected = referenceUnits(uploads, orgId, type, period, asOf);
            expect(units(built, [orgId], [type], period, asOf)).toEqual(expected);
            expect(units(arrived, [orgId], [type], period, asOf)).toEqual(expected);
          }
        }
      }
      const module = arrived.module(RMM);
      // Org order within a day is the order the store first met each org: compared by org.
      const byOrg = (u: Upload | undefined) => u && { ...u, orgs: [...u.orgs].sort((a, b) => a.orgId.localeCompare(b.orgId)) };
      module?.days.forEach((_, i) => expect(byOrg(module.upload(i))).toEqual(byOrg(built.module(RMM)?.upload(i))));
    }), { numRuns: 200 });
  });
});

describe('compact usage store, many days at once', () => {
  it('stores a batch of whole days (earlier ones, replacements, repeats) exactly as putting them one by one', () => {
    fc.assert(fc.property(fc.array(uploadArb, { maxLength: 20 }), fc.array(uploadArb, { maxLength: 20 }), fc.integer({ min: 1, max: 31 }), (stored, batch, asOfDay) => {
      const asOf = `2026-10-${String(asOfDay).padStart(2, '0')}`;
      const oneByOne = UsageStore.fromUploads(stored);
      const atOnce = UsageStore.fromUploads(stored);
      for (const u of batch) oneByOne.put(u);
      const module = atOnce.moduleOrNew(RMM);
      module.putDays(batch.map((u) => ({ date: u.date, cursor: u.cursor, cells: module.cellsOf(u) })));
      for (const period of ['2026-09', '2026-10']) {
        for (const orgId of ORGS) {
          for (const type of TYPES) expect(units(atOnce, [orgId], [type], period, asOf)).toEqual(units(oneByOne, [orgId], [type], period, asOf));
        }
      }
      const expected = oneByOne.module(RMM);
      expect(module.days).toEqual(expected?.days ?? []);
      module.days.forEach((_, i) => expect(module.upload(i)).toEqual(expected?.upload(i)));
    }), { numRuns: 300 });
  });
});
