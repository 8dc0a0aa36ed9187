import { moduleIndex } from '../../shared/catalog/lookup.ts';
import { CATALOG } from '../../shared/catalog/modules.ts';
import { moduleDef, type ModuleDef } from '../../shared/schema/module.ts';
import type { ModuleStatus } from '../../shared/schema/api.ts';

/** The tenant's custom modules. */
export async function customModules(db: D1Database, tenantId: string): Promise<ModuleDef[]> {
  const { results } = await db.prepare('SELECT def FROM modules WHERE tenant_id = ? ORDER BY id').bind(tenantId).all<{ def: string }>();
  return results.map((r) => moduleDef.parse(JSON.parse(r.def)));
}

/** The catalog plus the tenant's custom modules, keyed by id. */
export async function tenantModules(db: D1Database, tenantId: string): Promise<Map<string, ModuleDef>> {
  return moduleIndex(await customModules(db, tenantId));
}

/** The statement that adds a custom module; it fails on a duplicate id. */
export function insertModule(db: D1Database, tenantId: string, def: ModuleDef, now: string): D1PreparedStatement {
  return db.prepare('INSERT INTO modules (tenant_id, id, def, created_at) VALUES (?, ?, ?, ?)')
    .bind(tenantId, def.id, JSON.stringify(def), now);
}

/** Every module with its last upload day and that day's org count. */
export async function moduleStatuses(db: D1Database, tenantId: string): Promise<ModuleStatus[]> {
  const custom = await customModules(db, tenantId);
  const { results } = await db.prepare(
    `SELECT u.module, u.date, u.org_count FROM uploads u
     JOIN (SELECT module, MAX(date) AS date FROM uploads WHERE tenant_id = ?1 GROUP BY module) last
       ON last.module = u.module AND last.date = u.date
     WHERE u.tenant_id = ?1`,
  ).bind(tenantId).all<{ module: string; date: string; org_count: number }>();
  const latest = new Map(results.map((r) => [r.module, r]));
  const status = (def: ModuleDef, isCustom: boolean): ModuleStatus => {
    const last = latest.get(def.id);
    return { ...def, custom: isCustom, lastUploadDate: last?.date ?? null, orgCount: last?.org_count ?? 0 };
  };
  return [...CATALOG.map((m) => status(m, false)), ...custom.filter((m) => !CATALOG.some((c) => c.id === m.id)).map((m) => status(m, true))];
}
