// The facts the setup checklist reads, from IndexedDB in one pass.
import type { SetupFacts } from '../../../../shared/setup/checklist.ts';
import type { TrueupDb } from '../db/database.ts';
import { orgMappingId } from '../db/rows.ts';
import { enabledModuleIds } from './modules.ts';
import { countModuleDays } from '../db/uploads.ts';

export async function setupFacts(db: TrueupDb, connectors: number): Promise<SetupFacts> {
  const [uploads, enabled, accounts, mappings, contracts, invoices] = await Promise.all([
    countModuleDays(db), enabledModuleIds(db), db.accounts.toArray(), db.orgMappings.toArray(), db.contracts.toArray(),
    // Counted on the index: reading every posted invoice here re-ran on each pulled page of a first sync.
    db.invoices.where('status').anyOf(['posted', 'voided']).count(),
  ]);
  const mapped = new Set(mappings.filter((m) => m.deleted !== true).map((m) => orgMappingId(m.module, m.orgId)));
  const orgs = await db.orgs.where('module').anyOf([...enabled]).toArray();
  const liveContracts = contracts.filter((c) => c.deleted !== true);
  return {
    uploads,
    connectors,
    enabledModules: enabled.size,
    accounts: accounts.filter((a) => a.deleted !== true).length,
    orgMappings: mapped.size,
    unmappedOrgs: orgs.filter((o) => !mapped.has(orgMappingId(o.module, o.orgId))).length,
    contracts: liveContracts.length,
    mappedServices: liveContracts.reduce((n, c) => n + (c.serviceMappings ?? []).filter((m) => !m.ignore && m.serviceId).length, 0),
    invoices,
  };
}
