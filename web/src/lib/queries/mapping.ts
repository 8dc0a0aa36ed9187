// What the org mapping screens need from IndexedDB in one read.
import type { ModuleDef } from '../../../../shared/schema/module.ts';
import type { TrueupDb } from '../db/database.ts';
import { orgMappingId, type AccountRow, type OrgRow } from '../db/rows.ts';
import { liveAccounts } from './accounts.ts';
import { allModules, enabledModuleIds } from './modules.ts';

export interface MappingData {
  accounts: AccountRow[];
  /** Enabled modules: the grid's columns. */
  modules: ModuleDef[];
  /** Every org the enabled modules have reported, by module then name. */
  orgs: OrgRow[];
  /** Saved mappings: org key → account id. */
  saved: Map<string, string>;
}

export const EMPTY_MAPPING: MappingData = { accounts: [], modules: [], orgs: [], saved: new Map() };

/** Reads accounts, enabled modules, their orgs and the saved mappings. */
export async function mappingData(db: TrueupDb): Promise<MappingData> {
  const [accounts, modules, enabled, mappings] = await Promise.all([liveAccounts(db), allModules(db), enabledModuleIds(db), db.orgMappings.toArray()]);
  const columns = modules.map((m) => m.def).filter((def) => enabled.has(def.id));
  const orgs = (await db.orgs.where('module').anyOf(columns.map((m) => m.id)).toArray())
    .sort((a, b) => a.module.localeCompare(b.module) || a.name.localeCompare(b.name) || a.orgId.localeCompare(b.orgId));
  const saved = new Map<string, string>();
  for (const m of mappings) if (m.deleted !== true) saved.set(orgMappingId(m.module, m.orgId), m.accountId);
  return { accounts, modules: columns, orgs, saved };
}
