import { quantityUnits } from '../money/scaled.ts';
import type { Upload } from '../schema/upload.ts';
import type { OrgMapping } from '../schema/workspace.ts';

/** Account → module → the billing types reported with a non-zero quantity for its orgs. */
export type ReportedTypes = Map<string, Map<string, Set<string>>>;

function isZero(value: number | string | boolean): boolean {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value === 0;
  try {
    return quantityUnits(value) === 0n;
  } catch {
    return true;
  }
}

/**
 * The billing types each account's mapped orgs have reported with a non-zero quantity
 * (optionally only in uploads on or after `since`): what a contract of that account could
 * bill. A type reported only as 0 is left out: it has nothing to bill.
 */
export function reportedTypes(ws: { orgMappings: readonly OrgMapping[]; uploads: readonly Upload[] }, options: { since?: string; accountId?: string } = {}): ReportedTypes {
  const owner = new Map<string, string>();
  for (const m of ws.orgMappings) {
    if (options.accountId === undefined || m.accountId === options.accountId) owner.set(`${m.module}\u0000${m.orgId}`, m.accountId);
  }
  const result: ReportedTypes = new Map();
  for (const upload of ws.uploads) {
    if (options.since !== undefined && upload.date < options.since) continue;
    for (const row of upload.orgs) {
      const accountId = owner.get(`${upload.module}\u0000${row.orgId}`);
      if (accountId === undefined) continue;
      let modules = result.get(accountId);
      if (!modules) {
        modules = new Map();
        result.set(accountId, modules);
      }
      let types = modules.get(upload.module);
      for (const [type, value] of Object.entries(row.metrics)) {
        if (isZero(value)) continue;
        if (!types) {
          types = new Set();
          modules.set(upload.module, types);
        }
        types.add(type);
      }
    }
  }
  return result;
}
