// The workspace without its uploads: what screens edit and what changes on a mapping
// edit. Kept apart from uploads so a config edit sends a few kilobytes to the engine
// worker, never the year of uploads it keeps for itself.
import { CATALOG } from '../../../../shared/catalog/modules.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import type { TrueupDb } from './database.ts';
import { CONFIG_TABLES, SETTINGS_ID, type ConfigRow } from './rows.ts';

export type WorkspaceConfig = Omit<Workspace, 'uploads'>;

function alive<T extends ConfigRow>(rows: T[]): Omit<T, 'deleted'>[] {
  return rows.filter((r) => r.deleted !== true).map(({ deleted: _deleted, ...rest }) => rest);
}

/** The config tables as a workspace without uploads; records pointing at deleted accounts are left out. */
export async function loadConfig(db: TrueupDb): Promise<WorkspaceConfig> {
  return db.transaction('r', CONFIG_TABLES.map((t) => db.table(t)), async () => {
    const settings = await db.settings.get(SETTINGS_ID);
    const accounts = alive(await db.accounts.toArray()).map(({ id, name, billing }) => (billing === undefined ? { id, name } : { id, name, billing }));
    const accountIds = new Set(accounts.map((a) => a.id));
    const modules = alive(await db.modules.toArray()).map(({ id, name, suite, billingTypes }) => ({ id, name, suite, billingTypes }));
    const known = new Set([...CATALOG.map((m) => m.id), ...modules.map((m) => m.id)]);
    const enabledModules = alive(await db.enabledModules.toArray()).filter((r) => r.enabled && known.has(r.id)).map((r) => r.id).sort();
    const orgMappings = alive(await db.orgMappings.toArray())
      .filter((m) => accountIds.has(m.accountId))
      .map(({ module, orgId, accountId }) => ({ module, orgId, accountId }));
    const contracts = alive(await db.contracts.toArray())
      .filter((c) => accountIds.has(c.accountId))
      .map(({ id, accountId, name, startDate, endDate, services, serviceMappings }) =>
        ({ id, accountId, name, startDate, endDate: endDate ?? null, services: services ?? [], serviceMappings: serviceMappings ?? [] }));
    const invoices = alive(await db.invoices.toArray());
    const charges = alive(await db.charges.toArray()).filter((ch) => accountIds.has(ch.accountId));
    const profile = settings?.profile;
    return {
      version: 1, currency: settings?.currency ?? 'USD', modules, enabledModules, accounts, orgMappings, contracts, invoices, charges,
      ...(profile === undefined ? {} : { profile }),
    };
  });
}
