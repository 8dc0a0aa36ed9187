import type { Upload } from '../schema/upload.ts';
import type { UsageStore } from '../usage/store.ts';
import type { Contract, OrgMapping } from '../schema/workspace.ts';
import { latestAccountUsage } from './latest-usage.ts';
import type { UnmappedType } from './unmapped-types.ts';

/** The billing types of one account and module that no contract maps, with what they report now. */
export interface UnmappedTypeGroup {
  accountId: string;
  module: string;
  hasContract: boolean;
  /** The module's latest upload day the quantities are from (null: none since `since`). */
  day: string | null;
  types: { billingType: string; quantity: string | null }[];
}

/**
 * "Billing types no contract maps", grouped by account and module, each type with the
 * quantity the account's orgs reported on the module's latest upload: one row per decision
 * instead of one per type.
 */
export function groupUnmappedTypes(
  rows: readonly UnmappedType[],
  ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; contracts: readonly Pick<Contract, 'accountId'>[]; uploads: readonly Upload[]; usage?: UsageStore },
  options: { since?: string } = {},
): UnmappedTypeGroup[] {
  const latest = new Map(latestAccountUsage(ws, options.since).map((u) => [`${u.accountId}\u0000${u.module}`, u]));
  const groups = new Map<string, UnmappedTypeGroup>();
  for (const row of rows) {
    const key = `${row.accountId}\u0000${row.module}`;
    const usage = latest.get(key);
    const group = groups.get(key) ?? { accountId: row.accountId, module: row.module, hasContract: row.hasContract, day: usage?.day ?? null, types: [] };
    group.types.push({ billingType: row.billingType, quantity: usage?.quantities.get(row.billingType) ?? null });
    groups.set(key, group);
  }
  return [...groups.values()];
}
