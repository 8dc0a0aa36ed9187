import { addDays, today } from '../dates/day.ts';
import type { Workspace } from '../schema/workspace.ts';
import { quantityJumps, type QuantityJump } from './quantity-jumps.ts';
import { staleModules, type StaleModule } from './stale-modules.ts';
import { modulesWithoutServices, type UnbilledModule } from './unmapped-modules.ts';
import { unmappedOrgs, type UnmappedOrg } from './unmapped-orgs.ts';
import { unmappedTypes, type UnmappedType } from './unmapped-types.ts';
import { accountsWithoutContract, type AccountWithoutContract } from './accounts-without-contract.ts';
import { contractStartGaps, type ContractStartGap } from './contract-start-gaps.ts';
import { modulesWithoutMappedOrgs, type ModuleWithoutOrgs } from './modules-without-orgs.ts';
import { groupUnmappedTypes, type UnmappedTypeGroup } from './unmapped-type-groups.ts';

/** The five insights (docs/billing-rules.md#insights), as of one day. */
export interface Insights {
  asOf: string;
  /** How far back "recent" reaches: jumps and reported types (days up to asOf). */
  days: number;
  unmappedOrgs: UnmappedOrg[];
  modulesWithoutServices: UnbilledModule[];
  staleModules: StaleModule[];
  unmappedTypes: UnmappedType[];
  quantityJumps: QuantityJump[];
  /** Money not billed: mapped usage without a contract, usage before a contract's start, modules nobody mapped. */
  accountsWithoutContract: AccountWithoutContract[];
  contractStartGaps: ContractStartGap[];
  modulesWithoutMappedOrgs: ModuleWithoutOrgs[];
  /** `unmappedTypes` grouped by account and module, with the quantities reported. */
  unmappedTypeGroups: UnmappedTypeGroup[];
}

export interface InsightOptions {
  asOf?: string;
  /** Days up to asOf that jumps and reported types look at (default 30). */
  days?: number;
  thresholdPercent?: number;
}

/** Every insight of a workspace: what the admin should look at before billing. */
export function computeInsights(ws: Workspace, options: InsightOptions = {}): Insights {
  const asOf = options.asOf ?? ws.asOf ?? today();
  const days = options.days ?? 30;
  const since = addDays(asOf, -(days - 1));
  const types = unmappedTypes(ws, { since });
  return {
    asOf,
    days,
    unmappedOrgs: unmappedOrgs(ws),
    modulesWithoutServices: modulesWithoutServices(ws),
    staleModules: staleModules(ws, asOf),
    unmappedTypes: types,
    quantityJumps: quantityJumps(ws, { asOf, days, ...(options.thresholdPercent === undefined ? {} : { thresholdPercent: options.thresholdPercent }) }),
    accountsWithoutContract: accountsWithoutContract(ws, { since }),
    contractStartGaps: contractStartGaps(ws),
    modulesWithoutMappedOrgs: modulesWithoutMappedOrgs(ws, { since }),
    unmappedTypeGroups: groupUnmappedTypes(types, ws, { since }),
  };
}

/** How many rows each insight has, and in all. */
export function insightCounts(insights: Insights): { unmappedOrgs: number; modulesWithoutServices: number; staleModules: number; unmappedTypes: number; quantityJumps: number; total: number } {
  const counts = {
    unmappedOrgs: insights.unmappedOrgs.length,
    modulesWithoutServices: insights.modulesWithoutServices.length,
    staleModules: insights.staleModules.length,
    unmappedTypes: insights.unmappedTypes.length,
    quantityJumps: insights.quantityJumps.length,
  };
  return { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}
