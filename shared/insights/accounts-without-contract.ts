import type { Upload } from '../schema/upload.ts';
import type { UsageStore } from '../usage/store.ts';
import type { Contract, OrgMapping } from '../schema/workspace.ts';
import { latestAccountUsage } from './latest-usage.ts';

/** An account whose mapped orgs report usage while it has no contract: nothing of it is billed. */
export interface AccountWithoutContract {
  accountId: string;
  /** Per module: the latest day and what was reported then, by billing type. */
  usage: { module: string; day: string; quantities: { billingType: string; quantity: string }[] }[];
}

/**
 * Accounts with mapped usage in enabled modules (on the module's latest upload since
 * `since`) and no contract at all: mapped, reporting, and never invoiced.
 */
export function accountsWithoutContract(
  ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; contracts: readonly Pick<Contract, 'accountId'>[]; uploads: readonly Upload[]; usage?: UsageStore },
  options: { since?: string } = {},
): AccountWithoutContract[] {
  const withContract = new Set(ws.contracts.map((c) => c.accountId));
  const byAccount = new Map<string, AccountWithoutContract>();
  for (const usage of latestAccountUsage(ws, options.since)) {
    if (withContract.has(usage.accountId)) continue;
    const entry = byAccount.get(usage.accountId) ?? { accountId: usage.accountId, usage: [] };
    entry.usage.push({ module: usage.module, day: usage.day, quantities: [...usage.quantities].map(([billingType, quantity]) => ({ billingType, quantity })) });
    byAccount.set(usage.accountId, entry);
  }
  return [...byAccount.values()]
    .map((a) => ({ ...a, usage: a.usage.sort((x, y) => x.module.localeCompare(y.module)) }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
}
