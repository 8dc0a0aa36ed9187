// Module facts read from IndexedDB for the screens: the catalog plus custom modules,
// which are enabled, and each one's latest upload.
import { CATALOG } from '../../../../shared/catalog/modules.ts';
import type { ModuleDef } from '../../../../shared/schema/module.ts';
import type { TrueupDb } from '../db/database.ts';
import { lastUploadDays } from '../db/uploads.ts';

export interface ModuleSummary {
  def: ModuleDef;
  custom: boolean;
  enabled: boolean;
  lastUploadDate: string | null;
  /** Orgs in the latest upload. */
  orgCount: number;
}

/** Every known module (catalog order, then custom ones). */
export async function allModules(db: TrueupDb): Promise<{ def: ModuleDef; custom: boolean }[]> {
  const custom = (await db.modules.toArray()).filter((m) => m.deleted !== true);
  const ids = new Set(CATALOG.map((m) => m.id));
  return [
    ...CATALOG.map((def) => ({ def, custom: false })),
    ...custom.filter((m) => !ids.has(m.id)).map(({ id, name, suite, billingTypes }) => ({ def: { id, name, suite, billingTypes }, custom: true })),
  ];
}

/** The ids of modules enabled for billing. */
export async function enabledModuleIds(db: TrueupDb): Promise<Set<string>> {
  const rows = await db.enabledModules.toArray();
  return new Set(rows.filter((r) => r.enabled && r.deleted !== true).map((r) => r.id));
}

/** Every module with its switch and latest upload. */
export async function moduleSummaries(db: TrueupDb): Promise<ModuleSummary[]> {
  const [modules, enabled, last] = await Promise.all([allModules(db), enabledModuleIds(db), lastUploadDays(db)]);
  // The stored day's org list as it is: decoding whole uploads here would re-run on every pulled page.
  const latest = await db.usageDays.bulkGet([...last].map(([module, date]) => [module, date] as [string, string]));
  const counts = new Map(latest.flatMap((row) => (row ? [[row.module, row.orgs.length] as const] : [])));
  return modules.map(({ def, custom }) => ({
    def,
    custom,
    enabled: enabled.has(def.id),
    lastUploadDate: last.get(def.id) ?? null,
    orgCount: counts.get(def.id) ?? 0,
  }));
}
