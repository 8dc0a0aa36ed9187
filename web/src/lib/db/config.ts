// The workspace without its uploads: what screens edit and what changes on a mapping
// edit. The engine worker builds the same from the rows it reads itself (configOf).
import { CATALOG } from '../../../../shared/catalog/modules.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import type { TrueupDb } from './database.ts';
import {
  CONFIG_TABLES, SETTINGS_ID, type AccountRow, type ChargeRow, type ConfigRow, type ContractRow, type EnabledModuleRow,
  type InvoiceRow, type ModuleRow, type OrgMappingRow, type SettingsRow,
} from './rows.ts';

export type WorkspaceConfig = Omit<Workspace, 'uploads'>;

function alive<T extends ConfigRow>(rows: T[]): Omit<T, 'deleted'>[] {
  return rows.filter((r) => r.deleted !== true).map(({ deleted: _deleted, ...rest }) => rest);
}

/** The rows of the config tables, as stored. */
export interface ConfigTables {
  settings: SettingsRow | undefined;
  accounts: readonly AccountRow[];
  modules: readonly ModuleRow[];
  enabledModules: readonly EnabledModuleRow[];
  orgMappings: readonly OrgMappingRow[];
  contracts: readonly ContractRow[];
  invoices: readonly InvoiceRow[];
  charges: readonly ChargeRow[];
}

/** The config rows as a workspace without uploads; records pointing at deleted accounts are left out. */
export function configOf(tables: ConfigTables): WorkspaceConfig {
  const { settings } = tables;
  const accounts = alive([...tables.accounts]).map(({ id, name, billing }) => (billing === undefined ? { id, name } : { id, name, billing }));
  const accountIds = new Set(accounts.map((a) => a.id));
  const modules = alive([...tables.modules]).map(({ id, name, suite, billingTypes }) => ({ id, name, suite, billingTypes }));
  const known = new Set([...CATALOG.map((m) => m.id), ...modules.map((m) => m.id)]);
  const enabledModules = alive([...tables.enabledModules]).filter((r) => r.enabled && known.has(r.id)).map((r) => r.id).sort();
  const orgMappings = alive([...tables.orgMappings])
    .filter((m) => accountIds.has(m.accountId))
    .map(({ module, orgId, accountId }) => ({ module, orgId, accountId }));
  const contracts = alive([...tables.contracts])
    .filter((c) => accountIds.has(c.accountId))
    .map(({ id, accountId, name, startDate, endDate, services, serviceMappings }) =>
      ({ id, accountId, name, startDate, endDate: endDate ?? null, services: services ?? [], serviceMappings: serviceMappings ?? [] }));
  const invoices = alive([...tables.invoices]);
  const charges = alive([...tables.charges]).filter((ch) => accountIds.has(ch.accountId));
  const profile = settings?.profile;
  return {
    version: 1, currency: settings?.currency ?? 'USD', modules, enabledModules, accounts, orgMappings, contracts, invoices, charges,
    ...(profile === undefined ? {} : { profile }),
  };
}

/**
 * The config tables as a workspace without uploads. Invoices come without their lines'
 * daily quantities (see invoices.ts); records pointing at deleted accounts are left out.
 */
export function loadConfig(db: TrueupDb): Promise<WorkspaceConfig> {
  return readConfig(db, true);
}

/**
 * The config as screens read it on the page (names, currency, modules, the contract an editor
 * previews): without invoices, which are data, not config. A year of a large MSP's posted
 * invoices would otherwise be re-read on the main thread after every write.
 */
export function loadScreenConfig(db: TrueupDb): Promise<WorkspaceConfig> {
  return readConfig(db, false);
}

async function readConfig(db: TrueupDb, withInvoices: boolean): Promise<WorkspaceConfig> {
  const tables = CONFIG_TABLES.filter((t) => withInvoices || t !== 'invoices').map((t) => db.table(t));
  return db.transaction('r', tables, async () => configOf({
    settings: await db.settings.get(SETTINGS_ID),
    accounts: await db.accounts.toArray(),
    modules: await db.modules.toArray(),
    enabledModules: await db.enabledModules.toArray(),
    orgMappings: await db.orgMappings.toArray(),
    contracts: await db.contracts.toArray(),
    invoices: withInvoices ? await db.invoices.toArray() : [],
    charges: await db.charges.toArray(),
  }));
}
