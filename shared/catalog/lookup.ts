import type { ModuleDef } from '../schema/module.ts';
import { CATALOG } from './modules.ts';

/** The catalog plus a tenant's custom modules, keyed by module id. */
export function moduleIndex(custom: readonly ModuleDef[] = []): Map<string, ModuleDef> {
  const index = new Map<string, ModuleDef>();
  for (const m of CATALOG) index.set(m.id, m);
  for (const m of custom) if (!index.has(m.id)) index.set(m.id, m);
  return index;
}

/** True when the module id is built into the catalog. */
export function isCatalogModule(id: string): boolean {
  return CATALOG.some((m) => m.id === id);
}
