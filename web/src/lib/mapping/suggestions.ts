// Suggested mappings (docs/billing-rules.md#suggested-mappings) for the mapping screens. The matcher lives in shared/;
// this builds its input from the org directory (the latest name of every org) instead of
// a year of uploads, which is all the matcher reads and far cheaper.
import { suggestMappings } from '../../../../shared/suggest/index.ts';
import type { Workspace } from '../../../../shared/schema/workspace.ts';
import type { MappingData } from '../queries/mapping.ts';
import { orgMappingId } from '../db/rows.ts';

export interface Suggestion {
  module: string;
  orgId: string;
  accountId: string;
  confidence: number;
  reason: string;
}

/** Suggestions for every unmapped org, by org key. */
export function suggestionsFor(data: MappingData): Map<string, Suggestion> {
  const byModule = new Map<string, { date: string; orgs: Workspace['uploads'][number]['orgs'] }>();
  for (const org of data.orgs) {
    const entry = byModule.get(org.module) ?? { date: org.lastDate, orgs: [] };
    if (org.lastDate > entry.date) entry.date = org.lastDate;
    entry.orgs.push({ orgId: org.orgId, name: org.name, metrics: {} });
    byModule.set(org.module, entry);
  }
  const ws: Workspace = {
    version: 1,
    currency: 'USD',
    modules: [],
    enabledModules: data.modules.map((m) => m.id),
    accounts: data.accounts.map(({ id, name }) => ({ id, name })),
    orgMappings: [...data.saved].map(([key, accountId]) => {
      const colon = key.indexOf(':');
      return { module: key.slice(0, colon), orgId: key.slice(colon + 1), accountId };
    }),
    contracts: [],
    uploads: [...byModule].map(([module, { date, orgs }]) => ({ module, date, orgs })),
    invoices: [], charges: [],
  };
  const found = new Map<string, Suggestion>();
  for (const s of suggestMappings(ws)) found.set(orgMappingId(s.module, s.orgId), s);
  return found;
}
