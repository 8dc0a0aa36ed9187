import type { Upload } from '../schema/upload.ts';

/** A module organization as the uploads report it. */
export interface SeenOrg {
  module: string;
  orgId: string;
  /** The name in its latest upload (a later upload in the list wins a tie). */
  name: string;
  /** The first and the last day an upload reported it. */
  firstSeen: string;
  lastSeen: string;
}

/** The key of a module organization. */
export function orgKey(module: string, orgId: string): string {
  return `${module}\u0000${orgId}`;
}

/** Every org the uploads report, by orgKey, in order of first appearance. */
export function seenOrgs(uploads: readonly Upload[]): Map<string, SeenOrg> {
  const seen = new Map<string, SeenOrg>();
  for (const upload of uploads) {
    for (const row of upload.orgs) {
      const key = orgKey(upload.module, row.orgId);
      const org = seen.get(key);
      if (!org) {
        seen.set(key, { module: upload.module, orgId: row.orgId, name: row.name, firstSeen: upload.date, lastSeen: upload.date });
        continue;
      }
      if (upload.date < org.firstSeen) org.firstSeen = upload.date;
      if (upload.date >= org.lastSeen) {
        org.lastSeen = upload.date;
        org.name = row.name;
      }
    }
  }
  return seen;
}
