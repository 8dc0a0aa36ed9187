import { periodLength, periodEnd, periodStart } from '../dates/period.ts';
import type { Contract, ContractService, Workspace } from '../schema/workspace.ts';
import { itemKey } from './item.ts';
import { termsFor, type Terms } from './terms.ts';

/** The key of the item a spec computes, in a period. */
export function specKey(spec: ItemSpec, period: string): string {
  return itemKey(spec.contractId, spec.serviceId, spec.module ?? '', period);
}

/** What one billing item sums: a service's mapped billing types of one module over the account's orgs of it. */
export interface ItemSpec {
  accountId: string;
  contractId: string;
  contractIndex: number;
  serviceId: string;
  serviceName: string;
  serviceIndex: number;
  /** The module summed; null for a fixed fee. */
  module: string | null;
  /** The prices and rules the item is billed with: the service's for the period, or as posted. */
  terms: Terms;
  billingTypes: string[];
  orgIds: string[];
  /** Active days as 0-based day indexes of the period, inclusive; first > last when none. */
  first: number;
  last: number;
}

/** Orgs of each (account, module), from the org mappings. */
export type OrgsByAccount = Map<string, Map<string, string[]>>;

/** Groups the org mappings by account then module. */
export function orgsByAccount(ws: Pick<Workspace, 'orgMappings'>): OrgsByAccount {
  const result: OrgsByAccount = new Map();
  for (const mapping of ws.orgMappings) {
    let modules = result.get(mapping.accountId);
    if (!modules) {
      modules = new Map();
      result.set(mapping.accountId, modules);
    }
    const orgs = modules.get(mapping.module);
    if (orgs) orgs.push(mapping.orgId);
    else modules.set(mapping.module, [mapping.orgId]);
  }
  return result;
}

interface PeriodBounds {
  start: string;
  end: string;
  length: number;
}

function periodBounds(period: string): PeriodBounds {
  return { start: periodStart(period), end: periodEnd(period), length: periodLength(period) };
}

/** The active day indexes of a contract in a period, [first, last]; first > last when none. */
export function activeRange(contract: Pick<Contract, 'startDate' | 'endDate'>, period: string): [number, number] {
  return rangeWithin(contract, periodBounds(period));
}

// activeRange with the period's bounds worked out once for every contract.
function rangeWithin(contract: Pick<Contract, 'startDate' | 'endDate'>, { start, end, length }: PeriodBounds): [number, number] {
  const from = contract.startDate > start ? contract.startDate : start;
  const to = contract.endDate !== null && contract.endDate < end ? contract.endDate : end;
  if (from > to) return [length, -1];
  return [Number(from.slice(8, 10)) - 1, Number(to.slice(8, 10)) - 1];
}

/** The (service, module) → billing types of a contract, ignored types excluded, in mapping order. */
export function mappedTypes(contract: Contract, includeModule: (module: string) => boolean): Map<string, Map<string, string[]>> {
  const byService = new Map<string, Map<string, string[]>>();
  for (const mapping of contract.serviceMappings) {
    if (mapping.ignore === true || !includeModule(mapping.module)) continue;
    let modules = byService.get(mapping.serviceId);
    if (!modules) {
      modules = new Map();
      byService.set(mapping.serviceId, modules);
    }
    const types = modules.get(mapping.module);
    if (types) types.push(mapping.billingType);
    else modules.set(mapping.module, [mapping.billingType]);
  }
  return byService;
}

/**
 * Every billing item of the period (docs/billing-rules.md#billing-items): per contract with active days, per service
 * and per enabled module with a billing type mapped to it. accounts limits the plan.
 */
export function planItems(ws: Workspace, period: string, orgs: OrgsByAccount, accounts?: ReadonlySet<string>): ItemSpec[] {
  const enabled = new Set(ws.enabledModules);
  const specs: ItemSpec[] = [];
  const contracts = ws.contracts;
  const bounds = periodBounds(period);
  for (let contractIndex = 0; contractIndex < contracts.length; contractIndex++) {
    const contract = contracts[contractIndex] as Contract;
    if (accounts && !accounts.has(contract.accountId)) continue;
    const [first, last] = rangeWithin(contract, bounds);
    if (first > last) continue;
    const groups = mappingGroups(contract, enabled);
    const accountOrgs = orgs.get(contract.accountId);
    for (let serviceIndex = 0; serviceIndex < contract.services.length; serviceIndex++) {
      const service = contract.services[serviceIndex] as ContractService;
      const terms = termsFor(service, period);
      if (service.billing === 'fixed') {
        specs.push({ accountId: contract.accountId, contractId: contract.id, contractIndex, serviceId: service.id, serviceName: service.name, serviceIndex, module: null, terms, billingTypes: [], orgIds: [], first, last });
        continue;
      }
      for (let g = 0; g < groups.length; g++) {
        const group = groups[g] as MappingGroup;
        if (group.serviceId !== service.id) continue;
        specs.push({
          accountId: contract.accountId, contractId: contract.id, contractIndex, serviceId: service.id, serviceName: service.name, serviceIndex, module: group.module, terms,
          billingTypes: group.billingTypes, orgIds: accountOrgs?.get(group.module) ?? [], first, last,
        });
      }
    }
  }
  return specs;
}

interface MappingGroup {
  serviceId: string;
  module: string;
  billingTypes: string[];
}

// mappedTypes as a short list (a contract has a dozen mappings or so): the same groups in
// the same order, (service, module) by first mapping, without two levels of Maps per contract.
function mappingGroups(contract: Contract, enabled: ReadonlySet<string>): MappingGroup[] {
  const groups: MappingGroup[] = [];
  const mappings = contract.serviceMappings;
  for (let m = 0; m < mappings.length; m++) {
    const mapping = mappings[m] as Contract['serviceMappings'][number];
    if (mapping.ignore === true || !enabled.has(mapping.module)) continue;
    let group: MappingGroup | undefined;
    for (let g = 0; g < groups.length && group === undefined; g++) {
      const candidate = groups[g] as MappingGroup;
      if (candidate.serviceId === mapping.serviceId && candidate.module === mapping.module) group = candidate;
    }
    if (group) group.billingTypes.push(mapping.billingType);
    else groups.push({ serviceId: mapping.serviceId, module: mapping.module, billingTypes: [mapping.billingType] });
  }
  return groups;
}

/**
 * The spec to recompute a posted item with current data, whether or not its module is
 * still enabled (disabling a module stops future billing, it does not credit the past);
 * null when its contract or service no longer exists.
 */
export function specForPosted(ws: Workspace, orgs: OrgsByAccount, ref: { contractId: string; serviceId: string; module: string; period: string }): ItemSpec | null {
  const contractIndex = ws.contracts.findIndex((c) => c.id === ref.contractId);
  const contract = ws.contracts[contractIndex];
  if (!contract) return null;
  const serviceIndex = contract.services.findIndex((s) => s.id === ref.serviceId);
  const service = contract.services[serviceIndex];
  if (!service) return null;
  const [first, last] = activeRange(contract, ref.period);
  const billingTypes = mappedTypes(contract, (module) => module === ref.module).get(service.id)?.get(ref.module) ?? [];
  return {
    accountId: contract.accountId, contractId: contract.id, contractIndex, serviceId: service.id, serviceName: service.name, serviceIndex, module: ref.module, terms: termsFor(service, ref.period), billingTypes,
    orgIds: orgs.get(contract.accountId)?.get(ref.module) ?? [], first, last,
  };
}
