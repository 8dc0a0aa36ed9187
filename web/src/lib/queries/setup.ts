// The facts the setup checklist reads from IndexedDB, in two live reads (config, usage).
import type { SetupFacts } from '../../../../shared/setup/checklist.ts';
import type { TrueupDb } from '../db/database.ts';
import { orgMappingId } from '../db/rows.ts';
import { enabledModuleIds } from './modules.ts';

/**
 * The facts of everything but usage. Read apart from the module-day count: a pull's every
 * page of module-days moves the count, and re-reading every account, mapping, contract and
 * org with it made a first pull's earlier days (which do not hold the screens) 5 s a page.
 */
export async function configFacts(db: TrueupDb, connectors: number): Promise<Omit<SetupFacts, 'uploads'>> {
  const [enabled, accounts, mappings, contracts, invoices] = await Promise.all([
    enabledModuleIds(db), db.accounts.toArray(), db.orgMappings.toArray(), db.contracts.toArray(), postedInvoices(db),
  ]);
  const mapped = new Set(mappings.filter((m) => m.deleted !== true).map((m) => orgMappingId(m.module, m.orgId)));
  const orgs = await db.orgs.where('module').anyOf([...enabled]).toArray();
  const liveContracts = contracts.filter((c) => c.deleted !== true);
  return {
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

/** Posted and voided invoices, counted on the index (reading them re-ran on each pulled page of a first sync). */
export function postedInvoices(db: TrueupDb): Promise<number> {
  return db.invoices.where('status').anyOf(['posted', 'voided']).count();
}
