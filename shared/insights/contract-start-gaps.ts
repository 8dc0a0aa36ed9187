import { addMonths, periodOf, periodStart } from '../dates/period.ts';
import { quantityUnits } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import { usageOf, type RawQuantity, type UsageStore } from '../usage/store.ts';
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

/**
 * Contracts whose start date leaves reported usage unbilled: days in the start's month
 * or the month before, before the start and covered by no other contract of the account,
 * on which the account's mapped orgs reported a billing type the contract maps to a
 * service. Usually a start date typed as the signing day rather than the day service began.
 */
export function contractStartGaps(
  ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; contracts: readonly Contract[]; uploads: readonly Upload[]; usage?: UsageStore },
): ContractStartGap[] {
  const enabled = new Set(ws.enabledModules);
  const owner = new Map(ws.orgMappings.map((m) => [`${m.module}\u0000${m.orgId}`, m.accountId]));
  // account → days with usage, per module and type: only what some contract bills is looked at below
  const reported = new Map<string, Map<string, Set<string>>>();
  const store = usageOf(ws);
  for (const module of enabled) {
    const usage = store.module(module);
    if (!usage) continue;
    const owners = usage.orgIds.map((orgId) => owner.get(`${module}\u0000${orgId}`));
    const owned = owners.flatMap((accountId, o) => (accountId === undefined ? [] : [o]));
    if (owned.length === 0) continue;
    for (let i = 0; i < usage.days.length; i++) {
      const day = usage.days[i] as string;
      const state = usage.stateAt(i);
      for (const o of owned) {
        const accountId = owners[o] as string;
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
      }
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
      for (const day of types.get(`${m.module}\u0000${m.billingType}`) ?? []) {
        if (day >= from && day < contract.startDate && !covered(day)) days.add(day);
      }
    }
    if (days.size === 0) continue;
    const sorted = [...days].sort();
    gaps.push({ contractId: contract.id, accountId: contract.accountId, startDate: contract.startDate, firstDay: sorted[0] as string, lastDay: sorted[sorted.length - 1] as string, days: sorted.length });
  }
  return gaps.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.contractId.localeCompare(b.contractId));
}
