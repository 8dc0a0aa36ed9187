// What the account screen reads: the account, its contracts, and the enabled modules
// that have organizations mapped to it (the rows of the Service mapping tab).
import type { Contract } from '../../../../shared/schema/workspace.ts';
import type { ModuleDef } from '../../../../shared/schema/module.ts';
import type { TrueupDb } from '../db/database.ts';
import type { AccountRow } from '../db/rows.ts';
import { allModules, enabledModuleIds } from '../queries/modules.ts';

export interface AccountDetail {
  account: AccountRow | null;
  contracts: Contract[];
  /** Enabled modules with at least one org mapped to the account, catalog order. */
  modules: ModuleDef[];
  /** Every known module by id (to name the ones a mapping still mentions). */
  known: Map<string, ModuleDef>;
  /** Orgs mapped to the account, by module. */
  orgCounts: Map<string, number>;
}

export const EMPTY_DETAIL: AccountDetail = { account: null, contracts: [], modules: [], known: new Map(), orgCounts: new Map() };

/** Reads one account's contracts and the modules its orgs come from. */
export async function accountDetail(db: TrueupDb, accountId: string): Promise<AccountDetail> {
  const [account, contracts, mappings, modules, enabled] = await Promise.all([
    db.accounts.get(accountId),
    db.contracts.where('accountId').equals(accountId).toArray(),
    db.orgMappings.where('accountId').equals(accountId).toArray(),
    allModules(db),
    enabledModuleIds(db),
  ]);
  const orgCounts = new Map<string, number>();
  for (const m of mappings) if (m.deleted !== true) orgCounts.set(m.module, (orgCounts.get(m.module) ?? 0) + 1);
  return {
    account: account && account.deleted !== true ? account : null,
    contracts: contracts.filter((c) => c.deleted !== true)
      .map(({ id, accountId: owner, name, startDate, endDate, services, serviceMappings }) =>
        ({ id, accountId: owner, name, startDate, endDate: endDate ?? null, services: services ?? [], serviceMappings: serviceMappings ?? [] }))
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.name.localeCompare(b.name)),
    modules: modules.map((m) => m.def).filter((def) => enabled.has(def.id) && orgCounts.has(def.id)),
    known: new Map(modules.map((m) => [m.def.id, m.def])),
    orgCounts,
  };
}
