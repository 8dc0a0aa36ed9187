import { quantityUnits } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import { usageOf, type DayCells, type RawQuantity, type UsageStore } from '../usage/store.ts';
import type { OrgMapping } from '../schema/workspace.ts';

/** Account → module → the billing types reported with a non-zero quantity for its orgs. */
export type ReportedTypes = Map<string, Map<string, Set<string>>>;

function isZero(value: number | string | boolean): boolean {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value === 0;
  try {
    return quantityUnits(value) === 0n;
  } catch {
    return true;
  }
}

/**
 * The billing types each account's mapped orgs have reported with a non-zero quantity
 * (optionally only in uploads on or after `since`): what a contract of that account could
 * bill. A type reported only as 0 is left out: it has nothing to bill.
 */
export function reportedTypes(ws: { orgMappings: readonly OrgMapping[]; uploads: readonly Upload[]; usage?: UsageStore }, options: { since?: string; accountId?: string } = {}): ReportedTypes {
  const owner = new Map<string, string>();
  for (const m of ws.orgMappings) {
    if (options.accountId === undefined || m.accountId === options.accountId) owner.set(`${m.module}\u0000${m.orgId}`, m.accountId);
  }
  const result: ReportedTypes = new Map();
  const add = (accountId: string, module: string, type: string) => {
    let modules = result.get(accountId);
    if (!modules) {
      modules = new Map();
      result.set(accountId, modules);
    }
    let types = modules.get(module);
    if (!types) {
      types = new Set();
      modules.set(module, types);
    }
    types.add(type);
  };
  for (const [module, usage] of usageOf(ws).modules) {
    const owners = usage.orgIds.map((orgId) => owner.get(`${module}\u0000${orgId}`));
    if (!owners.some((o) => o !== undefined)) continue;
    const first = options.since === undefined ? 0 : usage.firstAtOrAfter(options.since);
    if (first >= usage.days.length) continue;
    // The first day whole, then only what changed on each later day: a value that stays
    // non-zero was already counted.
    const state = usage.stateAt(first);
    for (let o = 0; o < state.orgCount; o++) {
      const accountId = owners[o];
      if (accountId === undefined) continue;
      for (let t = 0; t < state.stride; t++) {
        const k = o * state.stride + t;
        const value = state.values[k] as number;
        if (Number.isNaN(value) ? !isZero(state.raws.get(k) as RawQuantity) : value !== 0) add(accountId, module, usage.types[t] as string);
      }
    }
    for (let i = first + 1; i < usage.days.length; i++) {
      const changes = usage.changes[i] as DayCells;
      for (let j = 0; j < changes.values.length; j++) {
        const accountId = owners[changes.cellOrg[j] as number];
        if (accountId === undefined) continue;
        const value = changes.values[j] as number;
        if (Number.isNaN(value) ? !isZero(changes.raws?.get(j) as RawQuantity) : value !== 0) add(accountId, module, usage.types[changes.cellType[j] as number] as string);
      }
    }
  }
  return result;
}
