import type { Contract, OrgMapping } from '../schema/workspace.ts';
import type { Upload } from '../schema/upload.ts';
import { usageOf, type UsageStore } from '../usage/store.ts';
import { reportedTypes } from './reported-types.ts';

/** A billing type an account's orgs report that none of its contracts maps. */
export interface UnmappedType {
  accountId: string;
  module: string;
  billingType: string;
  /** Whether the account has any contract at all (else the fix is a new contract). */
  hasContract: boolean;
}

/**
 * Billing types that the mapped orgs of an account reported with a non-zero quantity
 * (in enabled modules, in uploads since `since`) while no contract of that account maps
 * them to a service or to Ignore: usage that is neither billed nor knowingly left out.
 */
export function unmappedTypes(
  ws: { enabledModules: readonly string[]; orgMappings: readonly OrgMapping[]; contracts: readonly Pick<Contract, 'accountId' | 'serviceMappings'>[]; uploads: readonly Upload[]; usage?: UsageStore },
  options: { since?: string } = {},
): UnmappedType[] {
  const enabled = new Set(ws.enabledModules);
  const decided = new Set<string>();
  const withContract = new Set<string>();
  for (const contract of ws.contracts) {
    withContract.add(contract.accountId);
    for (const m of contract.serviceMappings) decided.add(`${contract.accountId}\u0000${m.module}\u0000${m.billingType}`);
  }
  const found: UnmappedType[] = [];
  const reported = reportedTypes({ orgMappings: ws.orgMappings.filter((m) => enabled.has(m.module)), uploads: ws.uploads, usage: usageOf(ws) }, options.since === undefined ? {} : { since: options.since });
  for (const [accountId, modules] of reported) {
    for (const [module, types] of modules) {
      for (const billingType of types) {
        if (!decided.has(`${accountId}\u0000${module}\u0000${billingType}`)) found.push({ accountId, module, billingType, hasContract: withContract.has(accountId) });
      }
    }
  }
  return found.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.module.localeCompare(b.module) || a.billingType.localeCompare(b.billingType));
}
