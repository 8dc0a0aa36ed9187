// contractStartGaps reads only the upload days inside some contract's window, and of
// them only the watched cells; this checks it finds exactly what reading every cell of
// every day finds (the straightforward reading, kept here as the reference).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/day.ts';
import { addMonths, periodOf, periodStart } from '../../shared/dates/period.ts';
import { contractStartGaps, type ContractStartGap } from '../../shared/insights/contract-start-gaps.ts';
import { quantityUnits } from '../../shared/money/scaled.ts';
import type { Upload } from '../../shared/schema/upload.ts';
import type { Contract, OrgMapping } from '../../shared/schema/workspace.ts';
import { usageOf, type RawQuantity } from '../../shared/usage/store.ts';

type Input = { enabledModules: string[]; orgMappings: OrgMapping[]; contracts: Contract[]; uploads: Upload[] };

function nonZero(value: number | string | boolean): boolean {
  try {
    return quantityUnits(value) !== 0n;
  } catch {
    return false;
  }
}

/** Every cell of every upload day of the enabled modules, then each contract's window. */
function reference(ws: Input): ContractStartGap[] {
  const enabled = new Set(ws.enabledModules);
  const owner = new Map(ws.orgMappings.map((m) => [`${m.module}\u0000${m.orgId}`, m.accountId]));
  const reported = new Map<string, Map<string, Set<string>>>();
  const store = usageOf(ws);
  for (const module of enabled) {
    const usage = store.module(module);
    if (!usage) continue;
    for (let i = 0; i < usage.days.length; i++) {
      const day = usage.days[i] as string;
      const state = usage.stateAt(i);
      usage.orgIds.forEach((orgId, o) => {
        const accountId = owner.get(`${module}\u0000${orgId}`);
        if (accountId === undefined) return;
        for (let t = 0; t < state.stride; t++) {
          const k = o * state.stride + t;
          const value = state.values[k] as number;
          if (!(Number.isNaN(value) ? nonZero(state.raws.get(k) as RawQuantity) : value !== 0)) continue;
          const types = reported.get(accountId) ?? new Map<string, Set<string>>();
          const key = `${module}\u0000${usage.types[t] as string}`;
          const days = types.get(key) ?? new Set<string>();
          days.add(day);
          types.set(key, days);
          reported.set(accountId, types);
        }
      });
    }
  }
  const gaps: ContractStartGap[] = [];
  for (const contract of ws.contracts) {
    const types = reported.get(contract.accountId);
    if (!types) continue;
    const from = periodStart(addMonths(periodOf(contract.startDate), -1));
    const others = ws.contracts.filter((c) => c.accountId === contract.accountId && c.id !== contract.id);
    const covered = (day: string) => others.some((c) => c.startDate <= day && (c.endDate === null || day <= c.endDate));
    const days = new Set<string>();
    for (const m of contract.serviceMappings) {
      if (m.ignore === true) continue;
      for (const day of types.get(`${m.module}\u0000${m.billingType}`) ?? []) if (day >= from && day < contract.startDate && !covered(day)) days.add(day);
    }
    if (days.size === 0) continue;
    const sorted = [...days].sort();
    gaps.push({ contractId: contract.id, accountId: contract.accountId, startDate: contract.startDate, firstDay: sorted[0] as string, lastDay: sorted[sorted.length - 1] as string, days: sorted.length });
  }
  return gaps.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.contractId.localeCompare(b.contractId));
}

const FIRST = '2026-01-01';
const MODULES = ['datto-rmm', 'datto-edr', 'graphus'];
const TYPES = ['A', 'B', 'C', 'D'];
const ACCOUNTS = ['a0', 'a1', 'a2'];
const ORGS = ['o0', 'o1', 'o2', 'o3', 'o4'];
const day = (n: number) => addDays(FIRST, n);
const quantity = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<RawQuantity>(0, 0, 1, 2.5, '0', '3') },
  { weight: 1, arbitrary: fc.constantFrom<RawQuantity>(true, false, '123456789012345678901.5', 'n/a', '0.0000') },
);

const inputArb: fc.Arbitrary<Input> = fc.record({
  enabledModules: fc.subarray(MODULES),
  orgMappings: fc.array(fc.record({ module: fc.constantFrom(...MODULES), orgId: fc.constantFrom(...ORGS), accountId: fc.constantFrom(...ACCOUNTS) }), { maxLength: 10 }),
  contracts: fc.array(fc.record({
    id: fc.constantFrom('c0', 'c1', 'c2', 'c3'),
    accountId: fc.constantFrom(...ACCOUNTS),
    start: fc.integer({ min: 0, max: 75 }),
    length: fc.option(fc.integer({ min: 0, max: 40 })),
    mappings: fc.array(fc.record({ module: fc.constantFrom(...MODULES), billingType: fc.constantFrom(...TYPES, 'Z'), ignore: fc.boolean() }), { maxLength: 6 }),
  }), { maxLength: 5 }).map((list) => list.map((c) => ({
    id: c.id, accountId: c.accountId, name: 'Managed', startDate: day(c.start), endDate: c.length === null ? null : day(c.start + c.length), services: [],
    serviceMappings: c.mappings.map((m) => (m.ignore ? { module: m.module, billingType: m.billingType, ignore: true as const } : { module: m.module, billingType: m.billingType, serviceId: 's' })),
  }) as Contract)),
  uploads: fc.array(fc.record({
    module: fc.constantFrom(...MODULES),
    day: fc.integer({ min: 0, max: 80 }),
    orgs: fc.array(fc.record({ orgId: fc.constantFrom(...ORGS), metrics: fc.dictionary(fc.constantFrom(...TYPES), quantity, { maxKeys: 4 }) }), { maxLength: 5 }),
  }), { maxLength: 40 }).map((list) => list.map((u) => ({ module: u.module, date: day(u.day), orgs: u.orgs.map((o) => ({ ...o, name: o.orgId })) }))),
});

describe('contract start gaps', () => {
  it('reading only the watched days and cells finds what reading every cell finds', () => {
    fc.assert(fc.property(inputArb, (ws) => {
      expect(contractStartGaps(ws)).toEqual(reference(ws));
    }), { numRuns: 1000 });
  });

  it('finds a gap across modules and skips the days between two windows', () => {
    // a0's contract starts 2026-03-10 (window from 2026-02-01), a1's 2026-05-20 (from 2026-04-01)
    const ws: Input = {
      enabledModules: ['datto-rmm', 'graphus'],
      orgMappings: [{ module: 'datto-rmm', orgId: 'o0', accountId: 'a0' }, { module: 'graphus', orgId: 'o1', accountId: 'a1' }],
      contracts: [
        { id: 'c0', accountId: 'a0', name: 'Managed', startDate: '2026-03-10', endDate: null, services: [], serviceMappings: [{ module: 'datto-rmm', billingType: 'A', serviceId: 's' }] },
        { id: 'c1', accountId: 'a1', name: 'Managed', startDate: '2026-05-20', endDate: null, services: [], serviceMappings: [{ module: 'graphus', billingType: 'B', serviceId: 's' }] },
      ],
      uploads: ['2026-01-15', '2026-02-03', '2026-03-09', '2026-04-02', '2026-05-19', '2026-05-20'].flatMap((date) => [
        { module: 'datto-rmm', date, orgs: [{ orgId: 'o0', name: 'o0', metrics: { A: 2 } }] },
        { module: 'graphus', date, orgs: [{ orgId: 'o1', name: 'o1', metrics: { B: 1 } }] },
      ]),
    };
    expect(contractStartGaps(ws)).toEqual([
      { contractId: 'c0', accountId: 'a0', startDate: '2026-03-10', firstDay: '2026-02-03', lastDay: '2026-03-09', days: 2 },
      { contractId: 'c1', accountId: 'a1', startDate: '2026-05-20', firstDay: '2026-04-02', lastDay: '2026-05-19', days: 2 },
    ]);
  });
});
