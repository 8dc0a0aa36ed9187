import type { Upload } from '../schema/upload.ts';
import type { OrgMapping } from '../schema/workspace.ts';
import { usageOf, type UsageSource } from '../usage/store.ts';
import { orgKey, seenOrgs, type SeenOrg } from '../usage/org-directory.ts';

/** A module organization that reports usage but is mapped to no account: nothing it uses is billed. */
export type UnmappedOrg = SeenOrg;

/**
 * Orgs of enabled modules that appear in uploads with no org mapping, newest first
 * (by first-seen day): a new client the admin has yet to map. Disabled modules are not
 * billed, so their orgs are left out.
 */
export function unmappedOrgs(ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; uploads: readonly Upload[] } & UsageSource): UnmappedOrg[] {
  const enabled = new Set(ws.enabledModules);
  const mapped = new Set(ws.orgMappings.map((m) => orgKey(m.module, m.orgId)));
  return [...seenOrgs(usageOf(ws))].filter(([key, org]) => enabled.has(org.module) && !mapped.has(key)).map(([, org]) => org)
    .sort((a, b) => b.firstSeen.localeCompare(a.firstSeen) || a.module.localeCompare(b.module) || a.name.localeCompare(b.name) || a.orgId.localeCompare(b.orgId));
}
