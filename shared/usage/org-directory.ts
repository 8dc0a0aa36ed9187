import type { UsageStore } from './store.ts';

/** A module organization as the uploads report it. */
export interface SeenOrg {
  module: string;
  orgId: string;
  /** The name in its latest upload. */
  name: string;
  /** The first and the last day an upload reported it. */
  firstSeen: string;
  lastSeen: string;
}

/** The key of a module organization. */
export function orgKey(module: string, orgId: string): string {
  return `${module}\u0000${orgId}`;
}

/**
 * Every org the uploads report, by orgKey, module by module. Read from the store's
 * presence changes only (an org appears, leaves or is renamed), never from whole days.
 */
export function seenOrgs(store: UsageStore): Map<string, SeenOrg> {
  const seen = new Map<string, SeenOrg>();
  for (const usage of store.modules.values()) {
    const current = new Int32Array(usage.orgIds.length).fill(-1);
    const entries: (SeenOrg | undefined)[] = [];
    usage.days.forEach((day, i) => {
      const changes = usage.changes[i];
      if (!changes) return;
      for (let j = 0; j < changes.orgs.length; j++) {
        const o = changes.orgs[j] as number;
        const name = changes.names[j] as number;
        const was = current[o] as number;
        current[o] = name;
        let entry = entries[o];
        if (name >= 0 && entry === undefined) {
          entry = { module: usage.module, orgId: usage.orgIds[o] as string, name: usage.names[name] as string, firstSeen: day, lastSeen: day };
          entries[o] = entry;
          seen.set(orgKey(usage.module, entry.orgId), entry);
        } else if (name < 0 && was >= 0 && entry) {
          entry.lastSeen = usage.days[i - 1] as string;
          entry.name = usage.names[was] as string;
        }
      }
    });
    const last = usage.days[usage.days.length - 1];
    current.forEach((name, o) => {
      const entry = entries[o];
      if (name < 0 || !entry || last === undefined) return;
      entry.lastSeen = last;
      entry.name = usage.names[name] as string;
    });
  }
  return seen;
}
