import { quantityUnits } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import { usageOf, type UsageStore } from '../usage/store.ts';
import type { OrgMapping } from '../schema/workspace.ts';

/** An enabled module that reports usage while none of its orgs is mapped to an account. */
export interface ModuleWithoutOrgs {
  module: string;
  /** Its latest upload day (since `since`) and how many orgs reported non-zero usage then. */
  day: string;
  orgs: number;
}

/** Enabled modules with usage on their latest upload and no org mapped at all: the whole module bills nothing. */
export function modulesWithoutMappedOrgs(ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; uploads: readonly Upload[]; usage?: UsageStore }, options: { since?: string } = {}): ModuleWithoutOrgs[] {
  const mapped = new Set(ws.orgMappings.map((m) => m.module));
  const store = usageOf(ws);
  const latest = new Map<string, Upload>();
  for (const module of new Set(ws.enabledModules)) {
    const usage = store.module(module);
    const last = (usage?.days.length ?? 0) - 1;
    if (!usage || mapped.has(module) || last < 0 || (options.since !== undefined && (usage.days[last] as string) < options.since)) continue;
    latest.set(module, usage.upload(last));
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
