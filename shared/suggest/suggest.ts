// Suggested org mappings (docs/billing-rules.md#suggested-mappings): for every module org without a mapping, the account it
// most likely is — or nothing when unsure.
import type { Workspace } from '../schema/workspace.ts';
import { buildAccountIndex } from './account-index.ts';
import { matchName, type Reason } from './decide.ts';
import { analyzeName } from './name.ts';
import { usageOf } from '../usage/store.ts';
import { orgKey, seenOrgs } from '../usage/org-directory.ts';

export type { Reason as SuggestionReason } from './decide.ts';

export interface Suggestion {
  module: string;
  orgId: string;
  orgName: string;
  accountId: string;
  accountName: string;
  /** 0..1, three decimals: 1 for an exact name, about 0.9 for the same words written differently. */
  confidence: number;
  reason: Reason;
}

export interface SuggestOptions {
  /** Only these modules (default: every module seen in uploads, enabled for billing or not). */
  modules?: readonly string[];
  /** Leave out suggestions below this confidence (default 0: every suggestion the matcher makes). */
  minConfidence?: number;
}

/**
 * Suggests an account for each unmapped module org (latest name per module and org),
 * precision first: no suggestion when two accounts fit nearly as well.
 */
export function suggestMappings(ws: Workspace, options: SuggestOptions = {}): Suggestion[] {
  const accountIndex = new Map(ws.accounts.map((a, i) => [a.id, i]));
  // Names of orgs already mapped are further names of their account: another module's
  // org called the same is most likely the same client.
  const orgs = seenOrgs(usageOf(ws));
  const mapped = new Set<string>();
  const aliases: { account: number; name: string }[] = [];
  for (const m of ws.orgMappings) {
    mapped.add(orgKey(m.module, m.orgId));
    const name = orgs.get(orgKey(m.module, m.orgId))?.name;
    const account = accountIndex.get(m.accountId);
    if (name && account !== undefined) aliases.push({ account, name });
  }
  const index = buildAccountIndex(ws.accounts, aliases);
  const modules = options.modules ? new Set(options.modules) : null;
  const minConfidence = options.minConfidence ?? 0;

  const suggestions: Suggestion[] = [];
  for (const [key, org] of orgs) {
    if (mapped.has(key) || (modules && !modules.has(org.module))) continue;
    const match = matchName(index, analyzeName(org.name));
    const account = match ? ws.accounts[match.account] : undefined;
    if (!match || !account) continue;
    const confidence = Math.round(match.confidence * 1000) / 1000;
    if (confidence < minConfidence) continue;
    suggestions.push({ module: org.module, orgId: org.orgId, orgName: org.name, accountId: account.id, accountName: account.name, confidence, reason: match.reason });
  }
  return suggestions.sort((x, y) => (x.module < y.module ? -1 : x.module > y.module ? 1 : x.orgName < y.orgName ? -1 : x.orgName > y.orgName ? 1 : x.orgId < y.orgId ? -1 : x.orgId > y.orgId ? 1 : 0));
}
