import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/day.ts';
import { periodDays } from '../../shared/dates/period.ts';
import { computePeriod } from '../../shared/invoice/compute-period.ts';
import { withoutDays } from '../../shared/invoice/without-days.ts';
import { amountUnits } from '../../shared/money/amount.ts';
import { formatScaled } from '../../shared/money/scaled.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import type { Workspace } from '../../shared/schema/workspace.ts';
import { scenario } from '../support/billing.ts';

const TYPES = ['AllDevicesMetric', 'DesktopMetric', 'ServerMetric'] as const;
const MODES = ['daily', 'period-end', 'peak'] as const;

/** A month of usage: per org, per type, one quantity a day (10^-4 units), plus the billing setup. */
interface Month {
  period: string;
  accounts: { orgs: number; services: { price: number; cost: number | null; mode: (typeof MODES)[number]; types: number[] }[]; start: number; end: number | null }[];
  values: number[][][];
  asOfDay: number;
}

const monthArb: fc.Arbitrary<Month> = fc.constantFrom('2026-09', '2028-02', '2026-10').chain((period) => {
  const days = periodDays(period).length;
  const quantity = fc.oneof(fc.integer({ min: 0, max: 400 }).map((n) => n * 10_000), fc.integer({ min: 0, max: 4_000_000 }));
  // A run of equal values is the common case and what carry-forward compresses.
  const series = fc.array(fc.tuple(quantity, fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 6 })
    .map((runs) => runs.flatMap(([value, length]) => Array<number>(length).fill(value)))
    .map((list) => Array.from({ length: days }, (_, i) => list[i % list.length] as number));
  const service = fc.record({
    price: fc.integer({ min: 0, max: 999_999 }),
    cost: fc.option(fc.integer({ min: 0, max: 99_999 })),
    mode: fc.constantFrom(...MODES),
    types: fc.subarray([0, 1, 2], { minLength: 1 }),
  });
  const account = fc.record({
    orgs: fc.integer({ min: 1, max: 3 }),
    services: fc.array(service, { minLength: 1, maxLength: 2 }),
    start: fc.integer({ min: 0, max: days - 1 }).map((d) => (d < days / 2 ? 0 : d)),
    end: fc.option(fc.integer({ min: 0, max: days - 1 })),
  });
  return fc.record({ accounts: fc.array(account, { minLength: 1, maxLength: 3 }), asOfDay: fc.integer({ min: 0, max: days + 3 }) }).chain(({ accounts, asOfDay }) => {
    const orgCount = accounts.reduce((n, a) => n + a.orgs, 0);
    return fc.array(fc.array(series, { minLength: TYPES.length, maxLength: TYPES.length }), { minLength: orgCount, maxLength: orgCount })
      .map((values) => ({ period, accounts, values, asOfDay }));
  });
});

const orgId = (i: number) => `o-${i}`;
const text = (units: number) => formatScaled(BigInt(units), 4);

function rows(month: Month, day: number): Upload['orgs'] {
  return month.values.map((types, i) => ({ orgId: orgId(i), name: orgId(i), metrics: Object.fromEntries(TYPES.map((t, k) => [t, text(types[k]?.[day] ?? 0)])) }));
}

/** The month's workspace; its uploads come from the given function. */
function build(month: Month, uploads: (dates: string[]) => Upload[]): Workspace {
  const dates = periodDays(month.period);
  let nextOrg = 0;
  const orgMappings: { module: string; orgId: string; accountId: string }[] = [];
  const contracts = month.accounts.map((a, i) => {
    for (let k = 0; k < a.orgs; k++) orgMappings.push({ module: 'datto-rmm', orgId: orgId(nextOrg++), accountId: `a${i}` });
    const start = dates[a.start] as string;
    const end = a.end === null ? null : (dates[Math.max(a.end, a.start)] as string);
    return {
      id: `c${i}`, accountId: `a${i}`, name: 'Managed', startDate: start, endDate: end,
      services: a.services.map((s, k) => ({ id: `s${k}`, name: `Service ${k}`, unitPrice: text(s.price), unitCost: s.cost === null ? null : text(s.cost), billing: s.mode })),
      // Each billing type goes to the first service that wants it (a type maps once per contract).
      serviceMappings: TYPES.flatMap((type, t) => {
        const k = a.services.findIndex((s) => s.types.includes(t));
        return k < 0 ? [] : [{ module: 'datto-rmm', billingType: type, serviceId: `s${k}` }];
      }),
    };
  });
  return scenario({
    asOf: addDays(dates[0] as string, month.asOfDay),
    enabledModules: ['datto-rmm'],
    accounts: month.accounts.map((_, i) => ({ id: `a${i}`, name: `Account ${i}` })),
    orgMappings,
    contracts,
    uploads: uploads(dates),
  });
}

const everyDay = (month: Month) => (dates: string[]) => dates.map((date, d) => ({ module: 'datto-rmm', date, orgs: rows(month, d) }));
// Only the days whose numbers changed: the others are carried forward.
const changesOnly = (month: Month) => (dates: string[]) => dates.flatMap((date, d) => (d > 0 && JSON.stringify(rows(month, d)) === JSON.stringify(rows(month, d - 1)) ? [] : [{ module: 'datto-rmm', date, orgs: rows(month, d) }]));
// Every day sent twice or three times, the earlier sends wrong and replaced by the last.
const resent = (month: Month) => (dates: string[]) => dates.flatMap((date, d) => [
  { module: 'datto-rmm', date, orgs: rows(month, (d + 1) % dates.length).slice(1) },
  ...(d % 2 === 0 ? [{ module: 'datto-rmm', date, orgs: [] }] : []),
  { module: 'datto-rmm', date, orgs: rows(month, d) },
]);

const amounts = (ws: Workspace, period: string) => computePeriod(ws, period).invoices.map((i) => ({ accountId: i.accountId, total: i.total, lines: i.lines.map((l) => [l.serviceId, l.quantity, l.amount, l.cost, l.estimated]) }));

describe('billing properties', () => {
  it('splitting an unchanged month\'s usage across more uploads never changes amounts', () => {
    fc.assert(fc.property(monthArb, (month) => {
      const reference = amounts(build(month, changesOnly(month)), month.period);
      expect(amounts(build(month, everyDay(month)), month.period)).toEqual(reference);
      expect(amounts(build(month, resent(month)), month.period)).toEqual(reference);
    }), { numRuns: 150 });
  });

  it('a month computed with its daily quantities, read without them, is the month computed without', () => {
    fc.assert(fc.property(monthArb, (month) => {
      const ws = build(month, everyDay(month));
      expect(withoutDays(computePeriod(ws, month.period, { daily: true }))).toEqual(computePeriod(ws, month.period));
    }), { numRuns: 60 });
  });

  it('recomputing is deterministic, whatever the order of distinct module-days', () => {
    fc.assert(fc.property(monthArb, fc.integer(), (month, seed) => {
      const ws = build(month, everyDay(month));
      const shuffled = { ...ws, uploads: [...ws.uploads].sort((a, b) => ((hash(a.date, seed) - hash(b.date, seed)) || (a.date < b.date ? -1 : 1))) };
      const first = computePeriod(ws, month.period);
      expect(computePeriod(ws, month.period)).toEqual(first);
      expect(computePeriod(structuredClone(ws), month.period)).toEqual(first);
      expect(computePeriod(shuffled, month.period)).toEqual(first);
    }), { numRuns: 100 });
  });

  it('Σ invoice totals = Σ rounded lines, and each total is its lines\' sum', () => {
    fc.assert(fc.property(monthArb, (month) => {
      const result = computePeriod(build(month, everyDay(month)), month.period);
      let totals = 0n;
      let lines = 0n;
      for (const invoice of result.invoices) {
        const own = invoice.lines.reduce((sum, l) => sum + amountUnits(l.amount, 'USD'), 0n);
        expect(amountUnits(invoice.total, 'USD')).toBe(own);
        totals += amountUnits(invoice.total, 'USD');
        lines += own;
      }
      const items = result.items.reduce((sum, item) => sum + amountUnits(item.amount, 'USD'), 0n);
      expect(totals).toBe(lines);
      expect(totals).toBe(items);
    }), { numRuns: 150 });
  });
});

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
  return h;
}
