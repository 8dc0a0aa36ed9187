// "Create accounts from unmapped organizations": one account per client, where orgs that
// suggestions read as the same client (across modules: "Brass Building Supplies_Org" in
// RMM, "Brass Building Supplies LLC" in backup) become one account.
import { analyzeName } from '../suggest/name.ts';
import { cleanAccountName } from './clean-name.ts';

export interface OrgToAccount {
  module: string;
  orgId: string;
  name: string;
}

export interface PlannedAccount {
  name: string;
  orgs: OrgToAccount[];
}

/** Orgs grouped into the accounts to create, in the order of their first org. */
export function planAccounts(orgs: readonly OrgToAccount[]): PlannedAccount[] {
  const groups = new Map<string, PlannedAccount>();
  for (const org of orgs) {
    const info = analyzeName(org.name);
    // Identity words decide; a name of legal words only falls back to its exact text.
    const key = info.canonKey !== '' ? `c:${info.canonKey}` : `x:${info.exactKey || `${org.module}:${org.orgId}`}`;
    const group = groups.get(key);
    if (group) group.orgs.push(org);
    else groups.set(key, { name: cleanAccountName(org.name) || org.orgId, orgs: [org] });
  }
  return [...groups.values()];
}
