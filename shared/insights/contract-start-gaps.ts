import { addMonths, periodOf, periodStart } from '../dates/period.ts';
import { quantityUnits } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import { usageOf, type ModuleUsage, type RawQuantity, type UsageStore } from '../usage/store.ts';
import type { Contract, OrgMapping } from '../schema/workspace.ts';

/** A contract that starts after its account's orgs already reported what it bills. */
export interface ContractStartGap {
  contractId: string;
  accountId: string;
  startDate: string;
  /** The first and last day before the start with usage of a type the contract bills, and how many such days. */
  firstDay: string;
  lastDay: string;
  days: number;
}

function nonZero(value: number | string | boolean): boolean {
  try {
    return quantityUnits(value) !== 0n;
  } catch {
    return false;
  }
}

/** One org of one contract's account to look at: the module's type indexes the contract maps, over upload days [from, to). */
interface Watch {
  org: number;
  types: number[];
  from: number;
  to: number;
  contract: number;
}

/**
 * Contracts whose start date leaves reported usage unbilled: days in the start's month
 * or the month before, before the start and covered by no other contract of the account,
 * on which the account's mapped orgs reported a billing type the contract maps to a
 * service. Usually a start date typed as the signing day rather than the day service began.
 * Only the upload days inside some contract's window are read, and of each only the cells
 * of the orgs and types a contract there bills: a year of usage costs what its windows hold.
 */
export function contractStartGaps(
  ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; contracts: readonly Contract[]; uploads: readonly Upload[]; usage?: UsageStore },
): ContractStartGap[] {
  const enabled = new Set(ws.enabledModules);
  const owner = new Map(ws.orgMappings.map((m) => [`${m.module}\u0000${m.orgId}`, m.accountId]));
  const contracts = ws.contracts;
  const byAccount = new Map<string, number[]>();
  contracts.forEach((c, i) => {
    const list = byAccount.get(c.accountId);
    if (list) list.push(i);
    else byAccount.set(c.accountId, [i]);
  });
  const windowFrom = contracts.map((c) => periodStart(addMonths(periodOf(c.startDate), -1)));
  const covered = (contract: number, day: string) => {
    const c = contracts[contract] as Contract;
    for (const other of byAccount.get(c.accountId) ?? []) {
      const o = contracts[other] as Contract;
      if (o.id !== c.id && o.startDate <= day && (o.endDate === null || day <= o.endDate)) return true;
    }
    return false;
  };
  const days: (Set<string> | undefined)[] = new Array(contracts.length);
  const store = usageOf(ws);
  for (const module of enabled) {
    const usage = store.module(module);
    if (!usage) continue;
    const watches = watchesOf(usage, module, owner, byAccount, contracts, windowFrom);
    if (watches.length > 0) collect(usage, watches, days, covered);
  }
  const gaps: ContractStartGap[] = [];
  contracts.forEach((contract, i) => {
    const found = days[i];
    if (!found || found.size === 0) return;
    const sorted = [...found].sort();
    gaps.push({ contractId: contract.id, accountId: contract.accountId, startDate: contract.startDate, firstDay: sorted[0] as string, lastDay: sorted[sorted.length - 1] as string, days: sorted.length });
  });
  return gaps.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.contractId.localeCompare(b.contractId));
}

// Per owned org of the module and contract of its account mapping some of the module's
// reported types (not ignored): the upload days of the contract's window, by window start.
function watchesOf(usage: ModuleUsage, module: string, owner: ReadonlyMap<string, string>, byAccount: ReadonlyMap<string, number[]>, contracts: readonly Contract[], windowFrom: readonly string[]): Watch[] {
  const watches: Watch[] = [];
  const typesOf = new Map<number, number[]>();
  const mappedTypes = (contract: number): number[] => {
    let types = typesOf.get(contract);
    if (types === undefined) {
      const set = new Set<number>();
      for (const m of (contracts[contract] as Contract).serviceMappings) {
        if (m.ignore === true || m.module !== module) continue;
        const t = usage.typeIndex.get(m.billingType);
        if (t !== undefined) set.add(t);
      }
      types = [...set];
      typesOf.set(contract, types);
    }
    return types;
  };
  for (let o = 0; o < usage.orgIds.length; o++) {
    const accountId = owner.get(`${module}\u0000${usage.orgIds[o] as string}`);
    if (accountId === undefined) continue;
    for (const contract of byAccount.get(accountId) ?? []) {
      const types = mappedTypes(contract);
      if (types.length === 0) continue;
      const from = usage.firstAtOrAfter(windowFrom[contract] as string);
      const to = usage.firstAtOrAfter((contracts[contract] as Contract).startDate);
      if (from < to) watches.push({ org: o, types, from, to, contract });
    }
  }
  return watches.sort((a, b) => a.from - b.from);
}

// Walks the watched upload days forward (the store folds from one to the next), skipping
// days no window holds, and adds each day a watched org reported a watched type on.
function collect(usage: ModuleUsage, watches: Watch[], days: (Set<string> | undefined)[], covered: (contract: number, day: string) => boolean): void {
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  for (const w of watches) {
    if (w.from < first) first = w.from;
    if (w.to > last) last = w.to;
  }
  let open = 0;
  const active: Watch[] = [];
  for (let i = first; i < last; i++) {
    while (open < watches.length && (watches[open] as Watch).from <= i) active.push(watches[open++] as Watch);
    let live = 0;
    for (let a = 0; a < active.length; a++) if ((active[a] as Watch).to > i) active[live++] = active[a] as Watch;
    active.length = live;
    if (live === 0) {
      // nothing watches this day: jump to the next window
      if (open < watches.length) i = (watches[open] as Watch).from - 1;
      continue;
    }
    const day = usage.days[i] as string;
    const state = usage.stateAt(i);
    const { stride, values, raws } = state;
    for (const w of active) {
      const found = days[w.contract];
      if (found?.has(day)) continue;
      let any = false;
      for (let k = 0; k < w.types.length && !any; k++) {
        const cell = w.org * stride + (w.types[k] as number);
        const value = values[cell] as number;
        any = Number.isNaN(value) ? nonZero(raws.get(cell) as RawQuantity) : value !== 0;
      }
      if (!any || covered(w.contract, day)) continue;
      if (found) found.add(day);
      else days[w.contract] = new Set([day]);
    }
  }
}
