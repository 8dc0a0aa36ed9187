import type { Upload } from '../schema/upload.ts';
import type { OrgMapping } from '../schema/workspace.ts';

/** A module organization that reports usage but is mapped to no account: nothing it uses is billed. */
export interface UnmappedOrg {
  module: string;
  orgId: string;
  /** The name in its latest upload. */
  name: string;
  /** The first day an upload reported it. */
  firstSeen: string;
  lastSeen: string;
}

/**
 * Orgs of enabled modules that appear in uploads with no org mapping, newest first
 * (by first-seen day): a new client the admin has yet to map. Disabled modules are not
 * billed, so their orgs are left out.
 */
export function unmappedOrgs(ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; uploads: readonly Upload[] }): UnmappedOrg[] {
  const enabled = new Set(ws.enabledModules);
  const mapped = new Set(ws.orgMappings.map((m) => `${m.module}\u0000${m.orgId}`));
  const found = new Map<string, UnmappedOrg>();
  for (const upload of ws.uploads) {
    if (!enabled.has(upload.module)) continue;
    for (const row of upload.orgs) {
      const key = `${upload.module}\u0000${row.orgId}`;
      if (mapped.has(key)) continue;
      const seen = found.get(key);
      if (!seen) {
        found.set(key, { module: upload.module, orgId: row.orgId, name: row.name, firstSeen: upload.date, lastSeen: upload.date });
        continue;
      }
      if (upload.date < seen.firstSeen) seen.firstSeen = upload.date;
      if (upload.date >= seen.lastSeen) {
        seen.lastSeen = upload.date;
        seen.name = row.name;
      }
    }
  }
  return [...found.values()].sort((a, b) =>
    b.firstSeen.localeCompare(a.firstSeen) || a.module.localeCompare(b.module) || a.name.localeCompare(b.name) || a.orgId.localeCompare(b.orgId));
}
