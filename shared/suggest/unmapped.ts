import type { Workspace } from '../schema/workspace.ts';

/** A module organization as last reported. */
export interface ModuleOrg {
  module: string;
  orgId: string;
  name: string;
}

const key = (module: string, orgId: string) => `${module}\u0000${orgId}`;

/** Every org seen in uploads, with the name of its latest upload (later in the list wins a tie). */
export function latestOrgs(ws: Workspace): ModuleOrg[] {
  const latest = new Map<string, ModuleOrg & { date: string }>();
  for (const upload of ws.uploads) {
    for (const org of upload.orgs) {
      const k = key(upload.module, org.orgId);
      const seen = latest.get(k);
      if (!seen || upload.date >= seen.date) latest.set(k, { module: upload.module, orgId: org.orgId, name: org.name, date: upload.date });
    }
  }
  return [...latest.values()].map(({ module, orgId, name }) => ({ module, orgId, name }));
}

/** Orgs seen in uploads that have no org mapping yet. */
export function unmappedOrgs(ws: Workspace): ModuleOrg[] {
  const mapped = new Set(ws.orgMappings.map((m) => key(m.module, m.orgId)));
  return latestOrgs(ws).filter((o) => !mapped.has(key(o.module, o.orgId)));
}
