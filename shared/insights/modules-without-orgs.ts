import { quantityUnits } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import type { OrgMapping } from '../schema/workspace.ts';

/** An enabled module that reports usage while none of its orgs is mapped to an account. */
export interface ModuleWithoutOrgs {
  module: string;
  /** Its latest upload day (since `since`) and how many orgs reported non-zero usage then. */
  day: string;
  orgs: number;
}

/** Enabled modules with usage on their latest upload and no org mapped at all: the whole module bills nothing. */
export function modulesWithoutMappedOrgs(ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; uploads: readonly Upload[] }, options: { since?: string } = {}): ModuleWithoutOrgs[] {
  const mapped = new Set(ws.orgMappings.map((m) => m.module));
  const latest = new Map<string, Upload>();
  for (const u of ws.uploads) {
    if (!ws.enabledModules.includes(u.module) || mapped.has(u.module) || (options.since !== undefined && u.date < options.since)) continue;
    const current = latest.get(u.module);
    if (!current || u.date > current.date) latest.set(u.module, u);
  }
  const used = (value: number | string | boolean) => {
    try {
      return quantityUnits(value) !== 0n;
    } catch {
      return false;
    }
  };
  return [...latest.values()]
    .map((u) => ({ module: u.module, day: u.date, orgs: u.orgs.filter((o) => Object.values(o.metrics).some(used)).length }))
    .filter((m) => m.orgs > 0)
    .sort((a, b) => a.module.localeCompare(b.module));
}
