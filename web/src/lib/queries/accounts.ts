// Accounts as the screens list them.
import type { TrueupDb } from '../db/database.ts';
import type { AccountRow } from '../db/rows.ts';

export interface AccountSummary {
  id: string;
  name: string;
  mappedOrgs: number;
}

/** Live (not deleted) accounts sorted by name. */
export async function liveAccounts(db: TrueupDb): Promise<AccountRow[]> {
  const rows = await db.accounts.toArray();
  return rows.filter((a) => a.deleted !== true).sort((a, b) => a.name.localeCompare(b.name));
}

/** Accounts with how many module orgs map to each. */
export async function accountSummaries(db: TrueupDb): Promise<AccountSummary[]> {
  const [accounts, mappings] = await Promise.all([liveAccounts(db), db.orgMappings.toArray()]);
  const counts = new Map<string, number>();
  for (const m of mappings) if (m.deleted !== true) counts.set(m.accountId, (counts.get(m.accountId) ?? 0) + 1);
  return accounts.map((a) => ({ id: a.id, name: a.name, mappedOrgs: counts.get(a.id) ?? 0 }));
}
