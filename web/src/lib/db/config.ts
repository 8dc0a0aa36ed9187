// The workspace without its uploads: what screens edit and what changes on a mapping
// edit. Kept apart from uploads so a config edit sends a few kilobytes to the engine
// worker, never the year of uploads it keeps for itself.
import { CATALOG } from '../../../../shared/catalog/modules.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import { accountBilling, profile as profileSchema } from '../../../../shared/schema/parties.ts';
import { charge as chargeSchema, type Charge } from '../../../../shared/schema/charge.ts';
import type { TrueupDb } from './database.ts';
import { CONFIG_TABLES, SETTINGS_ID, type ConfigRow } from './rows.ts';

export type WorkspaceConfig = Omit<Workspace, 'uploads'>;

function alive<T extends ConfigRow>(rows: T[]): Omit<T, 'deleted'>[] {
  return rows.filter((r) => r.deleted !== true).map(({ deleted: _deleted, ...rest }) => rest);
}

/** The config tables as a workspace without uploads; records pointing at deleted accounts are left out. */
export async function loadConfig(db: TrueupDb): Promise<WorkspaceConfig> {
  // Charges have a table of their own once the database version that adds it is in place.
  const hasCharges = db.tables.some((t) => t.name === 'charges');
  const tables = [...CONFIG_TABLES.map((t) => db.table(t)), ...(hasCharges ? [db.table('charges')] : [])];
  return db.transaction('r', tables, async () => {
    const settings = await db.settings.get(SETTINGS_ID);
    const accounts = alive(await db.accounts.toArray()).map(({ id, name, billing }) => {
      // Billing details the engine cannot read (a half-synced record) bill as none rather than fail the whole config.
      const parsed = billing === undefined ? undefined : accountBilling.safeParse(billing);
      return parsed?.success ? { id, name, billing: parsed.data } : { id, name };
    });
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
    const charges: Charge[] = [];
    if (hasCharges) {
      for (const row of alive(await db.table('charges').toArray() as ConfigRow[])) {
        const parsed = chargeSchema.safeParse(row);
        if (parsed.success && accountIds.has(parsed.data.accountId)) charges.push(parsed.data);
      }
    }
    const storedProfile = settings && 'profile' in settings ? profileSchema.safeParse(settings.profile) : undefined;
    const config: WorkspaceConfig = { version: 1, currency: settings?.currency ?? 'USD', modules, enabledModules, accounts, orgMappings, contracts, invoices, charges };
    if (storedProfile?.success) config.profile = storedProfile.data;
    return config;
  });
}
